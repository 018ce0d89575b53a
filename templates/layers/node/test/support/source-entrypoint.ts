/**
 * How test/entrypoint.test.ts starts the service from its TypeScript sources, as `npm run dev`
 * does: the telemetry preload, then the entry point (Node strips the types). A target that needs
 * a compile hook (NestJS's decorators) overrides this file.
 */
export const SOURCE_ENTRYPOINT = ['--import', './src/telemetry.ts', './src/main.ts'] as const;
