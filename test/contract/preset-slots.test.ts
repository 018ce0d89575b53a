import { jest } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { insertAtMarker } from '../../src/add/markers.js';
import { targets } from '../../src/catalog/targets/index.js';
import { PRESET_SLOTS } from '../../src/preset/slots.js';
import { validatePartialProfile } from '../../src/profile/answers-file.js';
import { completeProfile } from '../../src/profile/resolve.js';
import { recommend } from '../../src/recommend/index.js';
import { planProject } from '../../src/render/plan.js';
import { renderProject } from '../../src/render/project.js';

/** Presets fill our declared slots: every target must render every slot's marker (issue 11). */
jest.setTimeout(60_000);

const FIXTURE = join(process.cwd(), 'test/fixtures/answers/snapshot.json');

describe.each(targets.map((t) => [t.id, t] as const))('preset slots in the %s render', (id) => {
  it('every declared slot has its marker in its file', async () => {
    const partial = validatePartialProfile(JSON.parse(await readFile(FIXTURE, 'utf8')), FIXTURE);
    const profile = completeProfile({ ...partial, framework: id }, 'slots-api');
    const tree = await renderProject(
      planProject({
        profile,
        recommendation: recommend(profile),
        generatorVersion: '0.0.0',
        conformanceFixtures: false,
      }),
    );
    for (const [slot, { file, marker }] of Object.entries(PRESET_SLOTS)) {
      const text = tree.read(file);
      expect({ slot, file, present: text !== undefined }).toEqual({ slot, file, present: true });
      expect({ slot, marker, found: insertAtMarker(text!, marker, 'x') !== undefined }).toEqual({
        slot,
        marker,
        found: true,
      });
    }
  });
});
