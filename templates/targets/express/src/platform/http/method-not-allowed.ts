import type { Express } from 'express';
import { HttpError } from './http-error.ts';
import { joinRoute } from './route-telemetry.ts';

/** An entry of Express's `router.listRoutes()` (router ≥ 2.3). */
interface ListedRoute {
  readonly path: string | RegExp;
  readonly methods?: readonly string[] | undefined;
  readonly router?: RouteLister | undefined;
}

interface RouteLister {
  listRoutes?(): ListedRoute[];
}

/** Every route path with its methods, mount paths included (`/notes/:id` → GET, HEAD). */
function routeMethods(router: RouteLister, prefix = '', table = new Map<string, Set<string>>()) {
  for (const { path, methods, router: child } of router.listRoutes?.() ?? []) {
    if (typeof path !== 'string') continue; // RegExp routes cannot be joined to a prefix
    const full = joinRoute(prefix, path);
    if (child !== undefined) routeMethods(child, full, table);
    else if (methods !== undefined && !methods.includes('*')) {
      const known = table.get(full) ?? new Set<string>();
      for (const method of methods) known.add(method);
      table.set(full, known);
    }
  }
  return table;
}

/**
 * Express answers a known path requested with another method 404, like an unknown path. This
 * registers, after the last route, one catch-all per route path that answers 405 with `Allow`
 * listing the methods its routes handle, taken from Express's own route list so it cannot drift.
 */
export function registerMethodNotAllowed(app: Express): void {
  for (const [path, methods] of routeMethods(app.router as RouteLister)) {
    const allow = [...methods].join(', ');
    app.all(path, (req, res, next) => {
      // As Express's routers answer OPTIONS for the routes they hold.
      if (req.method === 'OPTIONS') {
        res.set('allow', allow).send(allow);
        return;
      }
      next(new HttpError(405, `Use one of: ${allow}.`, { allow }));
    });
  }
}
