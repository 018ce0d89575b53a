/**
 * Names accepted for `add` generators (reliability.md M01). The name becomes a folder, a URL
 * prefix, a TypeScript identifier stem and an SQL table, so it is held to the strictest of those.
 */
export const MODULE_NAME_PATTERN = /^[a-z][a-z0-9-]{0,62}$/;

/**
 * Words refused even though they match the pattern: JavaScript/TypeScript keywords and object
 * prototype names, keywords of the other target languages, Windows device names, and names the
 * generated platform already uses (folders, routes, the migrations table).
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  // JavaScript and TypeScript
  ...'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await async any boolean number string symbol never unknown object type declare namespace module require abstract as of undefined arguments eval'.split(
    ' ',
  ),
  'constructor',
  'prototype',
  'proto',
  'hasownproperty',
  'tostring',
  'valueof',
  // other target languages (Go, Python, Java, C#, Rust)
  ...'func go chan defer fallthrough goto map range select struct none lambda def del elif except from global nonlocal pass raise assert is not and or self final native synchronized throws transient volatile strictfp fn impl mod mut pub trait use where crate loop match ref unsafe'.split(
    ' ',
  ),
  // Java's primitive types are keywords too: no package (a Spring Boot module) may be named so
  ...'int long short byte char double float'.split(' '),
  // Windows device names
  'con',
  'prn',
  'aux',
  'nul',
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((n) => [`com${n}`, `lpt${n}`]),
  // the generated platform's own names
  'platform',
  'modules',
  'health',
  'healthz',
  'readyz',
  'livez',
  'metrics',
  'test',
  'src',
  'node-modules',
  'schema-migrations',
  'app',
  'main',
  'telemetry',
  'migrate',
  'docs',
]);

/** Problems with a module (or route, event, job) name; empty when it is acceptable. */
export function nameProblem(name: string, kind = 'module'): string | undefined {
  const reason = `must match \`${MODULE_NAME_PATTERN.source}\` and not be a reserved word`;
  if (!MODULE_NAME_PATTERN.test(name) || RESERVED_NAMES.has(name)) {
    return `Invalid ${kind} name ${JSON.stringify(name)}: ${reason}`;
  }
  // Hyphens are word separators: `a--b` and `a-b-` would collide with `a-b` as identifiers.
  if (name.endsWith('-') || name.includes('--')) {
    return `Invalid ${kind} name ${JSON.stringify(name)}: ${reason}; hyphens only between words`;
  }
  return undefined;
}
