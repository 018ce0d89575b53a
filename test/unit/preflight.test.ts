import { classifyEntries } from '../../src/write/preflight.js';

describe('target directory classification', () => {
  it('empty', () => expect(classifyEntries([])).toEqual({ kind: 'empty' }));
  it('only allow-listed entries (G03)', () => {
    expect(classifyEntries(['.git', 'README.md', 'LICENSE', 'x.iml', '.idea'])).toEqual({
      kind: 'allowlisted',
      entries: ['.git', '.idea', 'LICENSE', 'README.md', 'x.iml'],
    });
  });
  it('anything else makes it non-empty (G01)', () => {
    expect(classifyEntries(['README.md', 'notes.txt']).kind).toBe('non-empty');
  });
});
