import { fixedConflicts } from '../../../src/preset/answers.js';
import { parsePreset } from '../../../src/preset/load.js';
import { PRESET_SLOT_IDS } from '../../../src/preset/slots.js';

const VALID = `
name: '@acme/backend-preset'
version: 1.0.0
requiresGenerator: 0.1.0
fixed: { deployment: { target: kubernetes } }
defaults: { team: { size: 6 } }
allowedFrameworks: [fastify, nestjs]
overlay: overlay
slots: { readme: slots/readme.md }
replaces: [{ path: renovate.json, reason: 'Acme runs Renovate centrally with its own config.' }]
`;

const parse = (text: string, version = '0.1.0') => parsePreset(text, 'preset.yaml', version);

describe('parsePreset', () => {
  it('accepts the documented keys, in YAML or JSON', () => {
    const preset = parse(VALID);
    expect(preset.allowedFrameworks).toEqual(['fastify', 'nestjs']);
    expect(preset.fixed).toEqual({ deployment: { target: 'kubernetes' } });
    expect(
      parsePreset(JSON.stringify({ name: 'p', version: '1.0.0' }), 'p.json', '0.1.0').name,
    ).toBe('p');
  });

  it.each([
    ['an unknown key', `${VALID}\ncolour: blue\n`, /colour/],
    [
      'a framework id that does not exist',
      VALID.replace('[fastify, nestjs]', '[fastify, express-js]'),
      /allowedFrameworks\.1/,
    ],
    [
      'an invalid pinned answer, naming its flag',
      VALID.replace('target: kubernetes', 'target: mainframe'),
      /fixed\.deployment\.target \(--deployment\)/,
    ],
    ['a slot we do not declare', VALID.replace('slots: { readme:', 'slots: { footer:'), /slots/],
    [
      'a replacement without a reason',
      VALID.replace(", reason: 'Acme runs Renovate centrally with its own config.'", ''),
      /replaces\.0\.reason/,
    ],
    ['a missing version', VALID.replace('version: 1.0.0\n', ''), /version/],
    ['invalid YAML', 'name: [unclosed', /not valid YAML/],
  ])('refuses %s with exit 2 naming the field', (_label, text, message) => {
    expect(() => parse(text)).toThrow(
      expect.objectContaining({ exitCode: 2, message: expect.stringMatching(message) }),
    );
  });

  it('refuses a preset that needs a newer generator', () => {
    expect(() =>
      parse(VALID.replace('requiresGenerator: 0.1.0', 'requiresGenerator: 9.0.0')),
    ).toThrow(
      /requires create-scalable-backend 9\.0\.0 or newer; this is 0\.1\.0: upgrade the CLI/,
    );
  });

  it('declares the slots the docs promise', () => {
    expect(PRESET_SLOT_IDS).toEqual(['ci-steps', 'readme', 'gitignore']);
  });
});

describe('fixedConflicts', () => {
  it('names each pinned answer the user contradicted, with its flag; agreeing answers are fine', () => {
    expect(
      fixedConflicts(
        { deployment: { target: 'kubernetes' }, database: 'postgres' },
        { deployment: { target: 'serverless' }, database: 'postgres', horizon: 'prototype' },
      ),
    ).toEqual([
      'deployment.target (--deployment): the preset fixes "kubernetes", you gave "serverless"',
    ]);
  });
});
