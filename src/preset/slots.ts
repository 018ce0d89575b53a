/**
 * Places in our templates a preset may fill (its `slots`), each a marker comment in a generated
 * file. A preset adds files and fills these; it cannot change the rest of what we generate
 * without saying so in `replaces`. The contract test checks every target renders every marker.
 */
export const PRESET_SLOTS = {
  'ci-steps': {
    file: '.github/workflows/ci.yml',
    marker: 'csb:slot:ci-steps',
    purpose: 'extra steps at the end of the CI verify job (licence scan, SBOM upload, ...)',
  },
  readme: {
    file: 'README.md',
    marker: 'csb:slot:readme',
    purpose: "a section of the team's own at the end of the README (on-call, support channel, ...)",
  },
  gitignore: {
    file: '.gitignore',
    marker: 'csb:slot:gitignore',
    purpose: 'extra ignore patterns',
  },
} as const;

export type PresetSlotId = keyof typeof PRESET_SLOTS;
export const PRESET_SLOT_IDS = Object.keys(PRESET_SLOTS) as [PresetSlotId, ...PresetSlotId[]];
