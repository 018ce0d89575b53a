import { readFileSync } from 'node:fs';

/** Who this process is: the same values go into every log line and every telemetry resource. */
export interface ServiceIdentity {
  /** `service.name`: OTEL_SERVICE_NAME, else package.json "name". */
  readonly name: string;
  /** `service.version`: from OTEL_RESOURCE_ATTRIBUTES, else package.json "version". */
  readonly version: string;
  /** `deployment.environment.name`: from OTEL_RESOURCE_ATTRIBUTES, else NODE_ENV. */
  readonly environment: string;
}

interface PackageInfo {
  name: string;
  version: string;
}

// Same relative path from src/platform/ (npm run dev, tests) and dist/platform/ (production).
const PACKAGE_JSON = new URL('../../package.json', import.meta.url);

function readPackageInfo(): PackageInfo {
  try {
    const parsed = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as Partial<PackageInfo>;
    return { name: parsed.name ?? 'unknown_service:node', version: parsed.version ?? '0.0.0' };
  } catch {
    return { name: 'unknown_service:node', version: '0.0.0' };
  }
}

/**
 * Parses OTEL_RESOURCE_ATTRIBUTES (`key=value,key=value`, values percent-encoded) the way the
 * OpenTelemetry SDK does, so logs and telemetry agree on the resource.
 */
export function parseResourceAttributes(raw: string | undefined): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const pair of (raw ?? '').split(',')) {
    const separator = pair.indexOf('=');
    if (separator <= 0) continue;
    const key = pair.slice(0, separator).trim();
    const value = pair.slice(separator + 1).trim();
    try {
      attributes[key] = decodeURIComponent(value);
    } catch {
      attributes[key] = value;
    }
  }
  return attributes;
}

export function resolveServiceIdentity(env: NodeJS.ProcessEnv): ServiceIdentity {
  const attributes = parseResourceAttributes(env.OTEL_RESOURCE_ATTRIBUTES);
  const pkg = readPackageInfo();
  return {
    // The spec gives OTEL_SERVICE_NAME precedence over service.name in OTEL_RESOURCE_ATTRIBUTES.
    name: env.OTEL_SERVICE_NAME || attributes['service.name'] || pkg.name,
    version: attributes['service.version'] || pkg.version,
    environment: attributes['deployment.environment.name'] || env.NODE_ENV || 'production',
  };
}
