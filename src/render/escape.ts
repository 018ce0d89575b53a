/**
 * Free text (a project description, an author) can reach generated files. Handlebars' own `{{ }}`
 * escaping is for HTML only, so it runs with `noEscape` and every free-text value goes through the
 * encoder for the language it lands in. None of these evaluate their input.
 */

/** A JSON/JS/TS string literal, quotes included. Also a valid YAML double-quoted scalar. */
export function toJsonString(value: unknown): string {
  return JSON.stringify(String(value))
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
    .replace(/</g, '\\u003c');
}

/** A YAML double-quoted scalar (YAML 1.2 is a superset of JSON's string syntax). */
export function toYamlString(value: unknown): string {
  return toJsonString(value);
}

/** Single-line Markdown text: no line breaks, markup characters escaped, no raw HTML. */
export function toMarkdownText(value: unknown): string {
  return String(value)
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/[\\`*_{}[\]()#+\-.!|~<>]/g, (c) => `\\${c}`);
}

/** Text that is safe inside a `//`, `#` or `/* *\/` comment: one line, no comment terminator. */
export function toCommentText(value: unknown): string {
  return String(value)
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/\*\//g, '* /');
}
