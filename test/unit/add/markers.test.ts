import { applyRegistrations, insertAtMarker } from '../../../src/add/markers.js';

const FILE =
  "import a from './a.ts';\n// csb:slot:imports\n\nexport const all = [\n  a,\n  // csb:slot:list\n];\n";

describe('insertAtMarker', () => {
  it('inserts above the marker line and nowhere else', () => {
    expect(insertAtMarker(FILE, 'csb:slot:list', '  b,')).toBe(
      FILE.replace('  a,\n', '  a,\n  b,\n'),
    );
  });
  it('is idempotent', () => {
    const once = insertAtMarker(FILE, 'csb:slot:list', '  b,')!;
    expect(insertAtMarker(once, 'csb:slot:list', '  b,')).toBe(once);
  });
  it('is undefined when the marker is gone', () => {
    expect(
      insertAtMarker(FILE.replace('// csb:slot:list\n', ''), 'csb:slot:list', '  b,'),
    ).toBeUndefined();
  });
});

describe('applyRegistrations', () => {
  it('applies several registrations to one file and reports every missing marker with its snippet', () => {
    const texts = new Map([
      ['x.ts', FILE],
      ['gone.ts', undefined],
    ]);
    const { updated, missing } = applyRegistrations(texts, [
      { file: 'x.ts', marker: 'csb:slot:imports', line: "import b from './b.ts';" },
      { file: 'x.ts', marker: 'csb:slot:list', line: '  b,' },
      { file: 'x.ts', marker: 'csb:slot:nope', line: '  c,' },
      { file: 'gone.ts', marker: 'csb:slot:list', line: '  d,' },
    ]);
    expect(updated.get('x.ts')).toContain("import b from './b.ts';\n// csb:slot:imports");
    expect(updated.get('x.ts')).toContain('  b,\n  // csb:slot:list');
    expect(missing).toEqual([
      { file: 'x.ts', marker: 'csb:slot:nope', snippet: 'c,', optional: false },
      { file: 'gone.ts', marker: 'csb:slot:list', snippet: 'd,', optional: false },
    ]);
  });
});

describe('marker comment styles', () => {
  it('finds Mermaid (%%) markers in Markdown as well as // markers in code', () => {
    const doc = '```mermaid\nflowchart TB\n  a --> b\n  %% csb:slot:module-edges (hint)\n```\n';
    expect(insertAtMarker(doc, 'csb:slot:module-edges', '  a --> c')).toBe(
      doc.replace('  a --> b\n', '  a --> b\n  a --> c\n'),
    );
  });
  it('reports an optional registration as optional', () => {
    const { missing } = applyRegistrations(new Map([['docs/a.md', 'no marker']]), [
      { file: 'docs/a.md', marker: 'csb:slot:module-map', line: 'x', optional: true },
    ]);
    expect(missing).toEqual([
      { file: 'docs/a.md', marker: 'csb:slot:module-map', snippet: 'x', optional: true },
    ]);
  });
});
