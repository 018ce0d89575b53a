import type { Hono } from 'hono';
import type { AppEnv } from './http/app-env.ts';
import type { MigratingModule, ModuleDependencies } from './module-dependencies.ts';

/**
 * A business module as the composition root (src/app.ts, src/modules.ts) sees it. The platform
 * defines this shape but never imports a module.
 */
export interface AppModule extends MigratingModule {
  /** Mounted with `app.route(routePrefix, routes)`. */
  readonly routePrefix: string;
  /**
   * Called once at start-up: builds the module's services, subscribes its event handlers,
   * schedules its jobs, and returns its routes as a Hono sub-app.
   */
  readonly setup: (dependencies: ModuleDependencies) => Hono<AppEnv>;
}
