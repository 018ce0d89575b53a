import { parseAnswersText, validatePartialProfile } from '../../src/profile/answers-file.js';
import { DEFAULT_PROFILE } from '../../src/profile/defaults.js';
import { profileFromFlags } from '../../src/profile/from-flags.js';
import { migrateAnswers } from '../../src/profile/migrate.js';
import { completeProfile, missingFields } from '../../src/profile/resolve.js';
import { profileSchema, PROFILE_SCHEMA_VERSION } from '../../src/profile/schema.js';
import { CliError } from '../../src/cli/errors.js';

const valid = { ...DEFAULT_PROFILE, projectName: 'orders-api' };

describe('profile schema', () => {
  it('accepts the defaults with a name', () => {
    expect(profileSchema.parse(valid)).toEqual(valid);
  });

  it.each([
    ['unknown top-level key', { ...valid, colour: 'blue' }],
    ['unknown workload key', { ...valid, workload: { ...valid.workload, rps: 3 } }],
    ['bad enum', { ...valid, horizon: 'forever' }],
    ['negative rps', { ...valid, workload: { ...valid.workload, peakRps: -1 } }],
    ['bad skill level', { ...valid, team: { ...valid.team, skills: { go: 'guru' } } }],
    ['unknown skill key', { ...valid, team: { ...valid.team, skills: { cobol: 'expert' } } }],
    ['repeated feature', { ...valid, features: ['cache', 'cache'] }],
    ['bad name', { ...valid, projectName: 'My App' }],
    ['unknown framework', { ...valid, framework: 'flask' }],
    ['zero team', { ...valid, team: { ...valid.team, size: 0 } }],
  ])('rejects %s', (_label, profile) => {
    expect(profileSchema.safeParse(profile).success).toBe(false);
  });

  it('skills cover the languages the issue names', () => {
    const skills = Object.fromEntries(
      ['typescript', 'python', 'java', 'go', 'elixir', 'rust', 'php', 'ruby', 'csharp'].map((l) => [
        l,
        'basic',
      ]),
    );
    expect(profileSchema.safeParse({ ...valid, team: { ...valid.team, skills } }).success).toBe(
      true,
    );
  });
});

describe('answers files', () => {
  it('reads YAML and JSON subsets', () => {
    const yaml = parseAnswersText(
      'workload:\n  peakRps: 5000\nteam:\n  skills:\n    java: expert\n',
      'a.yaml',
    );
    expect(validatePartialProfile(yaml, 'a.yaml')).toEqual({
      schemaVersion: PROFILE_SCHEMA_VERSION,
      workload: { peakRps: 5000 },
      team: { skills: { java: 'expert' } },
    });
    const json = parseAnswersText('{"horizon":"platform"}', 'a.json');
    expect(validatePartialProfile(json, 'a.json').horizon).toBe('platform');
  });

  it('names the field and its flag on a bad value', () => {
    expect(() =>
      validatePartialProfile({ workload: { readWriteMix: 'sideways' } }, 'f.yaml'),
    ).toThrow(/workload\.readWriteMix \(--read-write-mix\)/);
  });

  it('a typo is an error, not silently ignored', () => {
    expect(() => validatePartialProfile({ horizn: 'platform' }, 'f.yaml')).toThrow(CliError);
  });

  it('broken syntax is exit-2 bad input', () => {
    try {
      parseAnswersText('{"a":', 'x.json');
      throw new Error('should fail');
    } catch (error) {
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).exitCode).toBe(2);
    }
  });

  it('answers from a newer schema are refused with a clear message', () => {
    expect(() => migrateAnswers({ schemaVersion: PROFILE_SCHEMA_VERSION + 1 })).toThrow(/newer/);
  });

  it('answers without a version are read as the current version', () => {
    expect(migrateAnswers({ horizon: 'prototype' })).toEqual({
      horizon: 'prototype',
      schemaVersion: PROFILE_SCHEMA_VERSION,
    });
  });
});

describe('flags', () => {
  it('map onto the profile, skills as language=level', () => {
    expect(
      profileFromFlags({
        readWriteMix: 'read-heavy',
        realtime: true,
        concurrentConnections: '50000',
        skill: ['java=expert', 'go=basic'],
        feature: ['cache,jobs'],
        deployment: 'edge',
      }),
    ).toEqual({
      workload: {
        readWriteMix: 'read-heavy',
        realtime: { enabled: true, concurrentConnections: 50000 },
      },
      team: { skills: { java: 'expert', go: 'basic' } },
      features: ['cache', 'jobs'],
      deployment: { target: 'edge' },
    });
  });

  it.each([
    [{ peakRps: 'abc' }, /--peak-rps must be a whole number/],
    [{ skill: ['java'] }, /--skill takes <language>=<level>/],
    [{ skill: ['java=guru'] }, /--skill takes/],
  ])('rejects %j', (options, message) => {
    expect(() => profileFromFlags(options)).toThrow(message);
  });
});

describe('missing answers and completion', () => {
  it('everything required is missing from an empty answer set', () => {
    const missing = missingFields({}).map((f) => f.flag);
    expect(missing).toEqual(
      expect.arrayContaining([
        'read-write-mix',
        'realtime',
        'skill',
        'deployment',
        'horizon',
        'peak-rps',
      ]),
    );
    expect(missing).not.toContain('concurrent-connections');
  });

  it('asks for connections only when real-time is on', () => {
    const missing = missingFields({ workload: { realtime: { enabled: true } } }).map((f) => f.flag);
    expect(missing).toContain('concurrent-connections');
  });

  it('given skills replace the default skills instead of merging with them', () => {
    const profile = completeProfile({ team: { skills: { java: 'expert' } } }, 'x');
    expect(profile.team.skills).toEqual({ java: 'expert' });
  });
});
