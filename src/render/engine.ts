import Handlebars from 'handlebars';
import { camelCase, constantCase, kebabCase, pascalCase, snakeCase } from './case.js';
import { toCommentText, toJsonString, toMarkdownText, toYamlString } from './escape.js';

/**
 * One isolated Handlebars instance. `strict` turns a missing variable into an error instead of an
 * empty string; `noEscape` disables HTML escaping, which would corrupt code (`&` → `&amp;`):
 * free text goes through the context-specific helpers instead.
 */
export function createEngine(): typeof Handlebars {
  const hb = Handlebars.create();
  const helpers: Record<string, (value: unknown) => string> = {
    json: toJsonString,
    yamlString: toYamlString,
    mdText: toMarkdownText,
    comment: toCommentText,
    kebabCase: (v) => kebabCase(String(v)),
    camelCase: (v) => camelCase(String(v)),
    pascalCase: (v) => pascalCase(String(v)),
    constantCase: (v) => constantCase(String(v)),
    snakeCase: (v) => snakeCase(String(v)),
  };
  for (const [name, fn] of Object.entries(helpers)) {
    hb.registerHelper(name, (value: unknown) => fn(value));
  }
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  return hb;
}

export function renderTemplate(
  engine: typeof Handlebars,
  source: string,
  context: object,
  name: string,
): string {
  try {
    return engine.compile(source, { strict: true, noEscape: true })(context);
  } catch (error) {
    throw new Error(`template ${name}: ${(error as Error).message}`);
  }
}
