import type { IContainer } from 'kubernetes-models/v1/Container';
import { parseAllDocuments } from 'yaml';

/** Every document of a multi-document YAML stream (kustomize output), as plain objects. */
export function parseManifests(text: string): unknown[] {
  return parseAllDocuments(text).map((document) => {
    if (document.errors.length > 0) throw new Error(document.errors.join('\n'));
    return document.toJS() as unknown;
  });
}

/** The single object a guard accepts; fails loudly when there are none or several. */
export function single<T>(
  objects: unknown[],
  guard: (value: unknown) => value is T,
  what: string,
): T {
  const found = objects.filter(guard);
  if (found.length !== 1) throw new Error(`expected exactly one ${what}, found ${found.length}`);
  return found[0] as T;
}

export function selects(
  selector: Record<string, string> | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  const wanted = Object.entries(selector ?? {});
  return wanted.length > 0 && wanted.every(([key, value]) => labels?.[key] === value);
}

const BINARY_UNITS: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };
const DECIMAL_UNITS: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };

/** A Kubernetes memory quantity (`512Mi`, `1Gi`, `1G`, plain bytes) in bytes. */
export function memoryBytes(quantity: string | number | undefined): number {
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(String(quantity ?? ''));
  if (!match) throw new Error(`not a memory quantity: ${String(quantity)}`);
  const unit = match[2] ?? '';
  return Number(match[1]) * (BINARY_UNITS[unit] ?? DECIMAL_UNITS[unit] ?? Number.NaN);
}

/** ConfigMap data by name, to resolve envFrom and configMapKeyRef. */
export type ConfigMaps = ReadonlyMap<string, Readonly<Record<string, string>>>;

/**
 * The environment a container gets, as the kubelet builds it: envFrom first, then env in order,
 * `$(VAR)` expanded against what is defined so far. Values that only exist at run time are
 * rendered as tokens: `<fieldRef:metadata.name>`, `<secret:name/key>`.
 */
export function effectiveEnv(container: IContainer, configMaps: ConfigMaps): Map<string, string> {
  const env = new Map<string, string>();
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) {
      const data = configMaps.get(source.configMapRef.name ?? '');
      if (!data)
        throw new Error(`envFrom references missing ConfigMap ${source.configMapRef.name}`);
      for (const [key, value] of Object.entries(data))
        env.set(`${source.prefix ?? ''}${key}`, value);
    }
    if (source.secretRef) env.set(`<all keys of secret ${source.secretRef.name}>`, '');
  }
  for (const variable of container.env ?? []) {
    const from = variable.valueFrom;
    let value: string;
    if (from?.fieldRef) value = `<fieldRef:${from.fieldRef.fieldPath}>`;
    else if (from?.secretKeyRef)
      value = `<secret:${from.secretKeyRef.name}/${from.secretKeyRef.key}>`;
    else if (from?.configMapKeyRef) {
      const data = configMaps.get(from.configMapKeyRef.name ?? '');
      value =
        data?.[from.configMapKeyRef.key] ?? `<missing configmap key ${from.configMapKeyRef.key}>`;
    } else if (from?.resourceFieldRef)
      value = `<resourceFieldRef:${from.resourceFieldRef.resource}>`;
    else {
      value = (variable.value ?? '').replace(
        /\$\((\w+)\)/g,
        (whole, name: string) => env.get(name) ?? whole,
      );
    }
    env.set(variable.name, value);
  }
  return env;
}

/** `a=1,b=2` (OTEL_RESOURCE_ATTRIBUTES) as a record. */
export function keyValueList(text: string | undefined): Record<string, string> {
  return Object.fromEntries(
    (text ?? '')
      .split(',')
      .filter((pair) => pair.includes('='))
      .map((pair) => {
        const at = pair.indexOf('=');
        return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
      }),
  );
}
