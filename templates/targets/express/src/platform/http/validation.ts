import type { z } from 'zod';
import { InvalidInputError, type FieldError } from '../errors.ts';

/** Which part of the request a schema describes (`location` of the field errors). */
export type RequestPart = 'body' | 'querystring' | 'params';

/** RFC 6901 JSON pointer of `path`. */
function pointer(path: readonly PropertyKey[]): string {
  return path.map((key) => `/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

function fieldErrors(issue: z.core.$ZodIssue, location: RequestPart): FieldError[] {
  // Point at each unknown property itself, not at the object that has it.
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      location,
      pointer: pointer([...issue.path, key]),
      message: 'is not allowed',
    }));
  }
  return [{ location, pointer: pointer(issue.path) || '/', message: issue.message }];
}

/**
 * Validates one part of a request against a zod schema and returns the parsed value (defaults
 * applied, query strings coerced as the schema says). A mismatch is a 422 problem+json with one
 * field error per issue, raised through the error handler.
 */
export function parseRequest<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  location: RequestPart,
): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new InvalidInputError(
    'The request does not match the schema.',
    result.error.issues.flatMap((issue) => fieldErrors(issue, location)),
  );
}
