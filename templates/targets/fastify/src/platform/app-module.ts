import type { FastifyPluginAsync } from 'fastify';
import type { Database } from './database/database.ts';
import type { MigrationSource } from './database/migrations.ts';

/** What the platform hands to every module. */
export interface ModuleDependencies {
  readonly db: Database;
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
  readonly routes: (dependencies: ModuleDependencies) => FastifyPluginAsync;
}

export function migrationSources(modules: readonly AppModule[]): MigrationSource[] {
  return modules.flatMap((module) =>
    module.migrations === undefined ? [] : [{ module: module.name, directory: module.migrations }],
  );
}
