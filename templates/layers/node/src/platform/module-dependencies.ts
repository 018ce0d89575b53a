import type { Database } from './database/database.ts';
import type { MigrationSource } from './database/migrations.ts';
import type { EventBus } from './events/event-bus.ts';
import { featureMigrations, type FeatureDependencies } from './features.ts';
import type { JobScheduler } from './jobs/job-scheduler.ts';
import type { Logger } from './logger.ts';

/** What the platform hands to every module, plus what the optional features add. */
export interface ModuleDependencies extends FeatureDependencies {
  readonly db: Database;
  /** Asynchronous reactions between modules (publish in one, subscribe in another). */
  readonly events: EventBus;
  /** Background jobs run on a timer in this process. */
  readonly jobs: JobScheduler;
  readonly logger: Logger;
}

/** The part of a module (platform/app-module.ts) that the migration runner reads. */
export interface MigratingModule {
  /** Also the migration namespace in schema_migrations. */
  readonly name: string;
  /** Folder with this module's `NNN_description.sql` files. */
  readonly migrations?: URL;
}

/**
 * The platform's own tables (event dead letters) migrate first, under the name `platform`, then
 * the features' (features.ts), then the modules'.
 */
const PLATFORM_MIGRATIONS: MigrationSource = {
  module: 'platform',
  directory: new URL('./events/migrations/', import.meta.url),
};

export function migrationSources(modules: readonly MigratingModule[]): MigrationSource[] {
  return [
    PLATFORM_MIGRATIONS,
    ...featureMigrations,
    ...modules.flatMap((module) =>
      module.migrations === undefined
        ? []
        : [{ module: module.name, directory: module.migrations }],
    ),
  ];
}
