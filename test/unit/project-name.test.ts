import { projectNameProblems } from '../../src/profile/project-name.js';

describe('project names (npm rules plus service-name rules)', () => {
  it.each(['my-api', 'orders', 'a', 'api2', 'x'.repeat(63)])('accepts %j', (name) => {
    expect(projectNameProblems(name)).toEqual([]);
  });

  it.each([
    ['', /length/],
    [' ', /spaces|URL-friendly|leading or trailing/],
    ['..', /period/],
    ['.hidden', /period/],
    ['_x', /underscore/],
    ['-x', /start with/],
    ['node_modules', /not a valid package name/],
    ['favicon.ico', /not a valid package name/],
    ['My App', /capital|spaces|URL-friendly/],
    ['MyApp', /capital/],
    ['app@1', /URL-friendly|only contain/],
    ['@scope/pkg', /contain only/],
    ['x'.repeat(215), /more than 214|63/],
    ['x'.repeat(64), /63/],
    ['café', /URL-friendly|only contain/],
    ['a\nb', /URL-friendly|only contain|spaces/],
    ['a\u0000b', /URL-friendly|only contain/],
    ['$(id)', /URL-friendly|only contain|special/],
    ['`id`', /URL-friendly|only contain|special/],
    ['a;rm -rf ~', /URL-friendly|only contain|spaces|special/],
    ['\'"', /URL-friendly|only contain|special/],
    ['foo-', /end with/],
  ])('refuses %j', (name, message) => {
    const problems = projectNameProblems(name);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('; ')).toMatch(message);
  });
});
