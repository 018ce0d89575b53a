import { conflictMarkerLines, isLeftoverFile } from '../../src/check/conflict-markers.js';

describe('conflictMarkerLines', () => {
  it('finds each conflict block by its opening line', () => {
    const text = [
      'a',
      '<<<<<<< HEAD',
      'ours',
      '=======',
      'theirs',
      '>>>>>>> csb/pristine',
      'b',
      '<<<<<<< HEAD',
      '>>>>>>> x',
    ].join('\n');
    expect(conflictMarkerLines(text)).toEqual([2, 8]);
  });
  it('ignores look-alikes: indented, shorter, unclosed or a lone separator', () => {
    expect(conflictMarkerLines('  <<<<<<< HEAD\n  >>>>>>> x\n')).toEqual([]);
    expect(conflictMarkerLines('<<<<<< HEAD\n>>>>>> x\n')).toEqual([]);
    expect(conflictMarkerLines('<<<<<<< HEAD\nnever closed\n')).toEqual([]);
    expect(conflictMarkerLines('=======\n# a Markdown underline\n')).toEqual([]);
  });
});

describe('isLeftoverFile', () => {
  it.each([
    ['src/app.ts.rej', true],
    ['README.md.orig', true],
    ['src/app.ts', false],
    ['docs/rejection.md', false],
  ])('%s → %s', (path, leftover) => {
    expect(isLeftoverFile(path)).toBe(leftover);
  });
});
