/**
 * Reads what a PostgreSQL client sent on the wire (captured by the TCP proxy): the startup
 * parameters and the SQL of the first Query/Parse messages. C67 uses it to see the session
 * settings an app asks for, whether as startup parameters, `options=-c k=v`, or SET statements.
 */
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const PROTOCOL_3 = 196608;

export interface PgClientTraffic {
  startupParameters: Record<string, string>;
  queries: string[];
}

function readCString(buffer: Buffer, offset: number): [string, number] {
  const end = buffer.indexOf(0, offset);
  if (end === -1) return [buffer.subarray(offset).toString('utf8'), buffer.length];
  return [buffer.subarray(offset, end).toString('utf8'), end + 1];
}

export function parsePgClientTraffic(bytes: Buffer): PgClientTraffic {
  const traffic: PgClientTraffic = { startupParameters: {}, queries: [] };
  let offset = 0;
  // Untyped messages first: optional SSL/GSSENC requests, then the startup message.
  while (offset + 8 <= bytes.length) {
    const length = bytes.readInt32BE(offset);
    const code = bytes.readInt32BE(offset + 4);
    if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
      offset += length;
      continue;
    }
    if (code === PROTOCOL_3) {
      let cursor = offset + 8;
      const end = Math.min(offset + length, bytes.length);
      while (cursor < end && bytes[cursor] !== 0) {
        const [key, afterKey] = readCString(bytes, cursor);
        const [value, afterValue] = readCString(bytes, afterKey);
        traffic.startupParameters[key] = value;
        cursor = afterValue;
      }
      offset += length;
    }
    break;
  }
  // Typed messages: 1 byte type + int32 length (including itself).
  while (offset + 5 <= bytes.length) {
    const type = String.fromCharCode(bytes[offset] ?? 0);
    const length = bytes.readInt32BE(offset + 1);
    if (length < 4) break;
    const body = bytes.subarray(offset + 5, Math.min(offset + 1 + length, bytes.length));
    if (type === 'Q') traffic.queries.push(readCString(body, 0)[0]);
    if (type === 'P') {
      const [, afterName] = readCString(body, 0);
      traffic.queries.push(readCString(body, afterName)[0]);
    }
    offset += 1 + length;
  }
  return traffic;
}

/**
 * The value a session asked for a setting, from (in order of precedence as PostgreSQL applies
 * them) a later SET / set_config statement, a startup parameter, or `-c name=value` in `options`.
 */
export function requestedSetting(traffic: PgClientTraffic, name: string): string | undefined {
  let value: string | undefined;
  const options = traffic.startupParameters.options ?? '';
  const optionPattern = new RegExp(`(?:^|\\s)(?:-c\\s*|--)${name}=(\\S+)`, 'i');
  const fromOptions = optionPattern.exec(options)?.[1];
  if (fromOptions !== undefined) value = fromOptions;
  if (traffic.startupParameters[name] !== undefined) value = traffic.startupParameters[name];
  const setPattern = new RegExp(
    `\\bSET\\s+(?:SESSION\\s+)?${name}\\s*(?:=|TO)\\s*'?([^';\\s]+)'?`,
    'i',
  );
  const setConfigPattern = new RegExp(`set_config\\(\\s*'${name}'\\s*,\\s*'([^']*)'`, 'i');
  for (const query of traffic.queries) {
    const match = setPattern.exec(query)?.[1] ?? setConfigPattern.exec(query)?.[1];
    if (match !== undefined) value = match;
  }
  return value;
}

/** PostgreSQL time settings without a unit are milliseconds; normalise "5s", "5000ms", "5000". */
export function settingMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|min)?$/i.exec(value.trim());
  if (match === null) return undefined;
  const factor = { ms: 1, s: 1000, min: 60_000 }[
    (match[2] ?? 'ms').toLowerCase() as 'ms' | 's' | 'min'
  ];
  return Number(match[1]) * factor;
}
