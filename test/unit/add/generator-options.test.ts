import { generatorAnswers, parseInterval } from '../../../src/add/generator-options.js';

const MODULES = ['notes', 'orders'];

describe('parseInterval', () => {
  it.each([
    ['30s', 30_000],
    ['1s', 1000],
    ['5m', 300_000],
    ['24h', 86_400_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseInterval(text)).toBe(ms);
  });
  it.each(['0s', '25h', '1d', '5', 'm5', '1.5m', '-1m', '', '05m', '5 m'])('refuses %j', (text) => {
    expect(parseInterval(text)).toBeUndefined();
  });
});

describe('generatorAnswers', () => {
  it('module: only the name', () => {
    expect(generatorAnswers('module', 'billing', {}, MODULES)).toEqual({ name: 'billing' });
  });
  it('route: module required and existing; method defaults to post, case-insensitive', () => {
    expect(generatorAnswers('route', 'summary', { module: 'orders' }, MODULES)).toEqual({
      name: 'summary',
      module: 'orders',
      method: 'post',
    });
    expect(
      generatorAnswers('route', 'summary', { module: 'orders', method: 'GET' }, MODULES),
    ).toMatchObject({ method: 'get' });
    expect(generatorAnswers('route', 'summary', {}, MODULES)).toMatch(
      /needs --module <name>.*notes, orders/,
    );
    expect(generatorAnswers('route', 'summary', { module: 'billing' }, MODULES)).toMatch(
      /no module "billing" in this project/,
    );
    expect(
      generatorAnswers('route', 'summary', { module: 'orders', method: 'delete' }, MODULES),
    ).toMatch(/--method must be one of post, get/);
  });
  it('job: interval parsed, default 5m', () => {
    expect(generatorAnswers('job', 'sweep', { module: 'orders' }, MODULES)).toEqual({
      name: 'sweep',
      module: 'orders',
      every: '5m',
      everyMs: 300_000,
    });
    expect(generatorAnswers('job', 'sweep', { module: 'orders', every: '2d' }, MODULES)).toMatch(
      /--every must be/,
    );
  });
  it('job in a project with the job queue: a queue job, on a timer only with --every', () => {
    const queue = { queue: true };
    expect(generatorAnswers('job', 'digest', { module: 'orders' }, MODULES, queue)).toEqual({
      name: 'digest',
      module: 'orders',
      queue: true,
    });
    expect(
      generatorAnswers('job', 'digest', { module: 'orders', every: '1h' }, MODULES, queue),
    ).toEqual({ name: 'digest', module: 'orders', every: '1h', everyMs: 3_600_000, queue: true });
    expect(
      generatorAnswers('job', 'digest', { module: 'orders', every: '0s' }, MODULES, queue),
    ).toMatch(/--every must be/);
  });
  it('refuses flags that do not apply, and hostile module names before looking them up', () => {
    expect(generatorAnswers('module', 'billing', { module: 'orders' }, MODULES)).toMatch(
      /--module does not apply to "add module"/,
    );
    expect(generatorAnswers('event', 'paid', { module: 'orders', every: '5m' }, MODULES)).toMatch(
      /--every does not apply/,
    );
    expect(
      generatorAnswers('event', 'paid', { module: '../../etc' }, [...MODULES, '../../etc']),
    ).toMatch(/--module: Invalid module name/);
    expect(generatorAnswers('event', 'Paid', { module: 'orders' }, MODULES)).toMatch(
      /^Invalid event name "Paid"/,
    );
  });
});
