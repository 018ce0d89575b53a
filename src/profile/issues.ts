import type { z } from 'zod';
import { fieldByPath } from './fields.js';

/** Turns zod issues into lines that name the answer and the flag that sets it. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      const field = fieldByPath(path) ?? fieldByPath(path.split('.').slice(0, -1).join('.'));
      const where = path === '' ? '(root)' : path;
      const flag = field ? ` (--${field.flag})` : '';
      return `  - ${where}${flag}: ${issue.message}`;
    })
    .join('\n');
}
