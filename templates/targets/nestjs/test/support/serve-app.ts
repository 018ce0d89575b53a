import { buildApp, type AppDependencies } from '../../src/app.ts';
import type { ServedApp } from './served-app.ts';
import { listen } from './http.ts';

/** The app as production builds it, on 127.0.0.1 and a free port (see served-app.ts). */
export async function serveApp(deps: AppDependencies): Promise<ServedApp> {
  const app = await buildApp(deps);
  const port = await listen(app);
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}
