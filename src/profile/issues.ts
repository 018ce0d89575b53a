import type { z } from 'zod';
import { fieldByPath, type ProfileField } from './fields.js';

/** The answer an issue path points at, also when nested (a preset's `fixed.team.size`). */
function fieldOf(segments: readonly string[]): ProfileField | undefined {
  for (let start = 0; start < segments.length; start += 1) {
    const tail = segments.slice(start);
    const field = fieldByPath(tail.join('.')) ?? fieldByPath(tail.slice(0, -1).join('.'));
    if (field) return field;
  }
  return undefined;
}

/** Turns zod issues into lines that name the answer and the flag that sets it. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      const field = fieldOf(issue.path.map(String));
      const where = path === '' ? '(root)' : path;
      const flag = field ? ` (--${field.flag})` : '';
      return `  - ${where}${flag}: ${issue.message}`;
    })
    .join('\n');
}
