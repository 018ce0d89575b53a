import type { Router } from 'express';
import type { MigratingModule, ModuleDependencies } from './module-dependencies.ts';

/**
 * A business module as the composition root (src/app.ts, src/modules.ts) sees it. The platform
 * defines this shape but never imports a module.
 */
export interface AppModule extends MigratingModule {
  /**
   * Where its router is mounted, e.g. `/notes`. A static path: it is the first half of every
   * route template (`http.route`) the module's requests are reported under.
   */
  readonly routePrefix: string;
  /**
   * Called once at start-up: builds the module's services, subscribes its event handlers,
   * schedules its jobs, and returns its routes.
   */
  readonly setup: (dependencies: ModuleDependencies) => Router;
}
