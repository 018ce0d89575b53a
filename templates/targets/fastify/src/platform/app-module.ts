import type { FastifyPluginAsync } from 'fastify';
import type { Database } from './database/database.ts';
import type { MigrationSource } from './database/migrations.ts';
import type { EventBus } from './events/event-bus.ts';
import type { JobScheduler } from './jobs/job-scheduler.ts';
import type { Logger } from './logger.ts';

/** What the platform hands to every module. */
export interface ModuleDependencies {
  readonly db: Database;
  /** Asynchronous reactions between modules (publish in one, subscribe in another). */
  readonly events: EventBus;
  /** Background jobs run on a timer in this process. */
  readonly jobs: JobScheduler;
  readonly logger: Logger;
}

/**
 * A business module as the composition root (src/app.ts, src/modules.ts) sees it. The platform
 * defines this shape but never imports a module.
 */
export interface AppModule {
  /** Also the migration namespace in schema_migrations. */
  readonly name: string;
  /** Folder with this module's `NNN_description.sql` files. */
  readonly migrations?: URL;
  /** Registered in its own encapsulated context under `routePrefix`. */
  readonly routePrefix: string;
  /**
   * Called once at start-up: builds the module's services, subscribes its event handlers,
   * schedules its jobs, and returns its routes.
   */
  readonly setup: (dependencies: ModuleDependencies) => FastifyPluginAsync;
}

/** The platform's own tables (event dead letters) migrate first, under the name `platform`. */
const PLATFORM_MIGRATIONS: MigrationSource = {
  module: 'platform',
  directory: new URL('./events/migrations/', import.meta.url),
};

export function migrationSources(modules: readonly AppModule[]): MigrationSource[] {
  return [
    PLATFORM_MIGRATIONS,
    ...modules.flatMap((module) =>
      module.migrations === undefined
        ? []
        : [{ module: module.name, directory: module.migrations }],
    ),
  ];
}
