import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';

/**
 * The route template that answers this request (`/notes/:id`), or undefined when no route
 * matched (404, 405). Platform middleware registered with `app.use()` matches every path with the
 * method `ALL`, so the template is the last matched entry that is a real route. (A route declared
 * with `app.all()` is therefore not reported: declare methods explicitly.)
 */
export function matchedRoute(c: Context): string | undefined {
  const routes = matchedRoutes(c);
  for (let index = routes.length - 1; index >= 0; index -= 1) {
    const route = routes[index];
    if (route !== undefined && route.method !== 'ALL') return route.path;
  }
  return undefined;
}
