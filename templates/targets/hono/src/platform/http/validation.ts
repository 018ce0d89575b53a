import type { ValidationTargets } from 'hono';
import type { $ZodIssue } from 'zod/v4/core';
import { InvalidInputError, type FieldError } from '../errors.ts';

// Where a failed value came from, in the words of the problem's `errors[].location`.
const LOCATIONS: Partial<Record<keyof ValidationTargets, string>> = {
  json: 'body',
  query: 'querystring',
  param: 'params',
  header: 'headers',
};

function pointer(path: readonly PropertyKey[]): string {
  return path.map((segment) => `/${String(segment)}`).join('') || '/';
}

/** One field error per offending property; unknown properties are reported one by one. */
export function fieldErrors(issues: readonly $ZodIssue[], location: string): FieldError[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          location,
          pointer: pointer([...issue.path, key]),
          message: 'is not allowed',
        }))
      : [{ location, pointer: pointer(issue.path), message: issue.message }],
  );
}

/**
 * The hook every `zValidator(target, schema, rejectInvalid)` gets: a request that does not match
 * its schema is answered 422 problem+json with `errors[]` (location, JSON pointer, message)
 * instead of @hono/zod-validator's default 400 with the raw zod result.
 */
export function rejectInvalid(result: {
  success: boolean;
  error?: { issues: readonly $ZodIssue[] };
  target: keyof ValidationTargets;
}): void {
  if (result.success || result.error === undefined) return;
  throw new InvalidInputError(
    'The request does not match the schema.',
    fieldErrors(result.error.issues, LOCATIONS[result.target] ?? result.target),
  );
}
