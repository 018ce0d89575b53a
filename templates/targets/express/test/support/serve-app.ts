import { buildApp, type AppDependencies } from '../../src/app.ts';
import type { ServedApp } from './served-app.ts';

/** The app as production builds it, on 127.0.0.1 and a free port (see served-app.ts). */
export async function serveApp(deps: AppDependencies): Promise<ServedApp> {
  const app = buildApp({
    ...deps,
    config: { ...deps.config, http: { ...deps.config.http, host: '127.0.0.1', port: 0 } },
  });
  const { port } = await app.listen();
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      app.closeAllConnections();
      await app.close();
    },
  };
}
