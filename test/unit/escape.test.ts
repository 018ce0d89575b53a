import { parse as parseYaml } from 'yaml';
import { createEngine, renderTemplate } from '../../src/render/engine.js';
import {
  toCommentText,
  toJsonString,
  toMarkdownText,
  toYamlString,
} from '../../src/render/escape.js';

/** The G10 canary corpus of reliability.md: free text that must land literally, never executed. */
const CANARIES = [
  'a"b',
  "a'b",
  'a`b',
  '${process.exit(1)}',
  '{{7*7}}',
  '<%= 7*7 %>',
  '#{7*7}',
  'a\nb: c',
  'a\\',
  '</script>',
  'line\u2028separator',
];

describe('escaping free text for each output language', () => {
  it.each(CANARIES)('JSON/TS string literal round-trips %j', (text) => {
    expect(JSON.parse(toJsonString(text))).toBe(text);
    // Evaluated as a JS expression it is the same string, never code.
    expect(new Function(`return ${toJsonString(text)};`)()).toBe(text);
  });

  it.each(CANARIES)('YAML double-quoted scalar round-trips %j', (text) => {
    expect(parseYaml(`key: ${toYamlString(text)}\n`)).toEqual({ key: text });
  });

  it.each(CANARIES)('markdown text stays on one line and escapes markup %j', (text) => {
    const md = toMarkdownText(text);
    expect(md).not.toMatch(/[\r\n]/);
    expect(md).not.toMatch(/(^|[^\\])[<>`]/);
  });

  it.each(CANARIES)('comment text cannot end a comment or a line %j', (text) => {
    const c = toCommentText(text);
    expect(c).not.toMatch(/[\r\n]/);
    expect(c).not.toContain('*/');
  });

  it('Handlebars never evaluates a value: {{7*7}} in data stays literal, never 49', () => {
    const engine = createEngine();
    const out = renderTemplate(
      engine,
      'const d = {{json description}};',
      { description: '{{7*7}}' },
      't',
    );
    expect(out).toBe('const d = "{{7*7}}";');
    expect(out).not.toContain('49');
  });

  it('does not HTML-escape code (& stays &)', () => {
    const out = renderTemplate(createEngine(), 'a {{x}} b', { x: 'x && y' }, 't');
    expect(out).toBe('a x && y b');
  });

  it('strict mode: a missing variable is an error, not an empty string', () => {
    expect(() => renderTemplate(createEngine(), '{{missing}}', {}, 'tpl.hbs')).toThrow(/tpl\.hbs/);
  });
});
