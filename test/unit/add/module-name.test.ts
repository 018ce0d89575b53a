import { nameProblem } from '../../../src/add/module-name.js';

describe('nameProblem (M01)', () => {
  it.each(['orders', 'order-items', 'a', 'v2', 'x'.repeat(63)])('accepts %j', (name) => {
    expect(nameProblem(name)).toBeUndefined();
  });

  it.each([
    '',
    'x'.repeat(64),
    'foo\0',
    '../../etc',
    'Orders',
    '9lives',
    '-x',
    'a_b',
    'a.b',
    'a/b',
    'class',
    'constructor',
    'con',
    'lpt1',
    'lambda',
    'func',
    'package',
    'platform',
    'schema-migrations',
    'a--b',
    'a-',
  ])('refuses %j with the rule', (name) => {
    expect(nameProblem(name)).toMatch(
      /^Invalid module name .*: must match `\^\[a-z\]\[a-z0-9-\]\{0,62\}\$` and not be a reserved word/,
    );
  });
});
