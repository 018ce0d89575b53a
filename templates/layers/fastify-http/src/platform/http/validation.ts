import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

// Fastify's default Ajv coerces types everywhere and silently strips unknown properties. JSON
// bodies are typed already, so they are validated strictly; query strings and path parameters
// are text and keep coercion ("?limit=20" → 20).
const shared: Options = { removeAdditional: false, useDefaults: true, allErrors: false };

function withFormats(ajv: Ajv): Ajv {
  addFormats.default(ajv);
  return ajv;
}

export function configureValidation(app: FastifyInstance): void {
  const strict = withFormats(new Ajv({ ...shared, coerceTypes: false }));
  const coercing = withFormats(new Ajv({ ...shared, coerceTypes: 'array' }));
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? strict : coercing).compile(schema),
  );
}
