import { buildApp, type AppDependencies } from '../../src/app.ts';
import type { ServedApp } from './served-app.ts';
import { serve } from './http.ts';

/** The app as production builds it, on 127.0.0.1 and a free port (see served-app.ts). */
export async function serveApp(deps: AppDependencies): Promise<ServedApp> {
  const { app } = buildApp(deps);
  const server = await serve(app, deps.config);
  return { url: server.url, close: () => server.close() };
}
