import {
  StandardSchemaValidationPipe,
  type ArgumentMetadata,
  type Paramtype,
} from '@nestjs/common';
import { InvalidInputError, type FieldError } from '../errors.ts';

// The request part a parameter comes from, named as in the problem+json `errors[].location`.
const LOCATIONS: Partial<Record<Paramtype, string>> = {
  body: 'body',
  query: 'querystring',
  param: 'params',
};

/** A Standard Schema issue, as far as this pipe reads it. */
interface SchemaIssue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

/** A path segment as a JSON Pointer (RFC 6901) reference token. */
function segment(key: PropertyKey | { readonly key: PropertyKey }): string {
  return String(typeof key === 'object' ? key.key : key)
    .replaceAll('~', '~0')
    .replaceAll('/', '~1');
}

/** One field error per issue, pointing at the offending property itself (RFC 6901 pointer). */
function fieldErrors(issues: readonly SchemaIssue[], metadata: ArgumentMetadata): FieldError[] {
  const location = LOCATIONS[metadata.type] ?? metadata.type;
  // `@Param('id', { schema })` validates one value: its name is the first path segment.
  const base = metadata.data === undefined ? [] : [segment(metadata.data)];
  return issues.flatMap((issue) => {
    const path = [...base, ...(issue.path ?? []).map(segment)];
    // Zod reports unknown properties once, on the object, with their names in `keys`.
    const keys = (issue as { keys?: unknown }).keys;
    const properties = Array.isArray(keys) ? keys.map((key) => segment(String(key))) : [undefined];
    return properties.map((property) => ({
      location,
      pointer: `/${[...path, ...(property === undefined ? [] : [property])].join('/')}`,
      message: issue.message,
    }));
  });
}

/**
 * Validates every `@Body({ schema })`, `@Query({ schema })` and `@Param(name, { schema })` against
 * its Standard Schema (Zod here) and passes the parsed value on (defaults applied, query strings
 * coerced where the schema says so). A failure is an InvalidInputError, answered 422 with one
 * `errors[]` entry per problem (location, pointer, message), like the business rules' errors.
 */
export class RequestValidationPipe extends StandardSchemaValidationPipe {
  override async transform<T = unknown>(value: T, metadata: ArgumentMetadata): Promise<T> {
    const { schema } = metadata;
    if (schema === undefined || !this.toValidate(metadata)) return value;
    this.stripProtoKeys(value);
    const result = await this.validate<T>(value, schema, this.validateOptions);
    if (result.issues !== undefined) {
      throw new InvalidInputError(
        'The request does not match the schema.',
        fieldErrors(result.issues, metadata),
      );
    }
    return result.value;
  }
}
