import { FRAMEWORKS } from '../../src/catalog/frameworks.js';
import { scaffoldableIds } from '../../src/catalog/targets/index.js';
import { FRAMEWORK_IDS } from '../../src/profile/ids.js';

describe('framework catalog <-> FRAMEWORK_IDS', () => {
  it('every framework id has exactly one catalog entry and every entry is a framework id', () => {
    const ids = FRAMEWORKS.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...FRAMEWORK_IDS].sort());
  });

  it('keeps the catalog in FRAMEWORK_IDS order (the tie-breaker)', () => {
    expect(FRAMEWORKS.map((entry) => entry.id)).toEqual([...FRAMEWORK_IDS]);
  });

  it('every scaffoldable target has a catalog entry', () => {
    for (const id of scaffoldableIds) expect(FRAMEWORKS.map((entry) => entry.id)).toContain(id);
  });

  it('display names are unique', () => {
    const names = FRAMEWORKS.map((entry) => entry.displayName);
    expect(new Set(names).size).toBe(names.length);
  });
});
