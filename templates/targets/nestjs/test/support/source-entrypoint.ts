/**
 * How test/entrypoint.test.ts starts the service from its TypeScript sources, as `npm run dev`
 * does: the TypeScript hook first (Nest's decorators), then the telemetry preload, then the entry
 * point.
 */
export const SOURCE_ENTRYPOINT = [
  '--import',
  './scripts/register-typescript.ts',
  '--import',
  './src/telemetry.ts',
  './src/main.ts',
] as const;
