import {
  dependenciesLookedFor,
  detectFramework,
  FRAMEWORK_DEPENDENCIES,
} from '../../../src/adopt/detect-framework.js';
import { FRAMEWORK_IDS } from '../../../src/profile/ids.js';

const deps = (...names: string[]) => Object.fromEntries(names.map((n) => [n, '^1.0.0']));

describe('detectFramework', () => {
  it.each([
    ['fastify', { dependencies: deps('fastify', 'pino') }, 'fastify', 'fastify'],
    ['express', { dependencies: deps('express') }, 'express', 'express'],
    ['hono', { dependencies: deps('hono') }, 'hono', 'hono'],
    [
      'NestJS over Express (Nest depends on it)',
      { dependencies: deps('express', '@nestjs/core', '@nestjs/platform-express') },
      'nestjs',
      '@nestjs/core',
    ],
    [
      'NestJS over Fastify',
      { dependencies: deps('fastify', '@nestjs/core', '@nestjs/platform-fastify') },
      'nestjs',
      '@nestjs/core',
    ],
    ['a devDependency counts', { devDependencies: deps('fastify') }, 'fastify', 'fastify'],
    [
      'dependencies and devDependencies together',
      { dependencies: deps('express'), devDependencies: deps('@nestjs/core') },
      'nestjs',
      '@nestjs/core',
    ],
  ])('%s', (_name, pkg, framework, dependency) => {
    expect(detectFramework(pkg)).toMatchObject({ framework, dependency });
  });

  it('names the lower-precedence frameworks it also saw', () => {
    expect(
      detectFramework({ dependencies: deps('express', '@nestjs/core', 'fastify') })?.alsoFound,
    ).toEqual(['fastify', 'express']);
    expect(detectFramework({ dependencies: deps('fastify') })?.alsoFound).toEqual([]);
  });

  it.each([
    ['no dependencies at all', {}],
    [
      'unrelated dependencies',
      { dependencies: deps('lodash', 'fastify-plugin', '@nestjs/common') },
    ],
    ['peerDependencies do not count', { peerDependencies: deps('fastify') }],
    ['a malformed dependencies field', { dependencies: ['fastify'], devDependencies: 'express' }],
    ['not an object', null],
  ])('%s: nothing detected', (_name, pkg) => {
    expect(detectFramework(pkg)).toBeUndefined();
  });

  it('only maps to known framework ids, and lists what it looks for', () => {
    for (const row of FRAMEWORK_DEPENDENCIES) expect(FRAMEWORK_IDS).toContain(row.framework);
    expect(dependenciesLookedFor()).toEqual(['@nestjs/core', 'fastify', 'hono', 'express']);
  });
});
