import type { DynamicModule } from '@nestjs/common';
import type { MigratingModule, ModuleDependencies } from './module-dependencies.ts';

/**
 * A business module as the composition root (src/app.ts, src/modules.ts) sees it. The platform
 * defines this shape but never imports a module.
 */
export interface AppModule extends MigratingModule {
  /** Every controller of the module is served under this path (Nest's RouterModule). */
  readonly routePrefix: string;
  /**
   * Called once at start-up: builds the module's services, subscribes its event handlers,
   * schedules its jobs, and returns its Nest module (controllers and the providers they inject).
   */
  readonly setup: (dependencies: ModuleDependencies) => DynamicModule;
}
