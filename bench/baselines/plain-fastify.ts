/**
 * Framework baseline: Fastify's hello-world with its defaults (no logger, no plugins, no hooks).
 * Fastify is loaded from the generated project (FASTIFY_PROJECT_DIR) so the baseline runs the
 * exact version the starter ships with.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

interface MinimalFastify {
  get(path: string, handler: () => Promise<unknown>): void;
  listen(options: { host: string; port: number }): Promise<string>;
  close(): Promise<void>;
}
type FastifyFactory = (options?: { logger?: boolean }) => MinimalFastify;

const projectDir = process.env.FASTIFY_PROJECT_DIR;
if (projectDir === undefined)
  throw new Error('FASTIFY_PROJECT_DIR must name a project with fastify installed');
const entry = createRequire(path.join(projectDir, 'package.json')).resolve('fastify');
const { default: fastify } = (await import(pathToFileURL(entry).href)) as {
  default: FastifyFactory;
};

const app = fastify({ logger: false });
app.get('/livez', async () => ({ status: 'pass' }));
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 8080) });
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
