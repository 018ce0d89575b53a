/**
 * `node --import ./scripts/register-typescript.ts`: runs the TypeScript sources directly (npm test,
 * npm run dev). Node's built-in type stripping cannot run Nest's decorators, so this hook compiles
 * each .ts file of the project with the TypeScript compiler as Node loads it: the same compiler
 * and tsconfig.json as the production build, hence the same decorator metadata Nest's dependency
 * injection reads, and no native compiler binary to install. No type checking here: that is
 * `npm run typecheck`.
 */
import { readFileSync } from 'node:fs';
import { registerHooks, setSourceMapsSupport } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const tsconfigPath = fileURLToPath(new URL('../tsconfig.json', import.meta.url));

function compilerOptions(): ts.CompilerOptions {
  const read = ts.readConfigFile(tsconfigPath, (path) => ts.sys.readFile(path));
  if (read.error !== undefined) {
    throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  }
  const json: unknown = read.config;
  const { options } = ts.parseJsonConfigFileContent(json, ts.sys, dirname(tsconfigPath));
  return {
    ...options,
    // Every source file is an ES module whose `.ts` imports Node resolves as they are.
    module: ts.ModuleKind.ESNext,
    rewriteRelativeImportExtensions: false,
    noEmit: false,
    declaration: false,
    sourceMap: false,
    inlineSourceMap: true,
    inlineSources: true,
  };
}

const options = compilerOptions();
// Stack traces point at the .ts lines.
setSourceMapsSupport(true);

registerHooks({
  load(url, context, nextLoad) {
    if (!url.startsWith('file:') || !url.endsWith('.ts') || url.includes('/node_modules/')) {
      return nextLoad(url, context);
    }
    const fileName = fileURLToPath(url);
    const { outputText } = ts.transpileModule(readFileSync(fileName, 'utf8'), {
      compilerOptions: options,
      fileName,
    });
    return { format: 'module', source: outputText, shortCircuit: true };
  },
});
