import { createHash, timingSafeEqual } from 'node:crypto';

/** What a connection attempt carries that can prove who it is. */
export interface ConnectionCredentials {
  /** The Authorization header, if any. */
  readonly authorization: string | undefined;
  /**
   * `?access_token=`: browsers cannot set headers on EventSource or WebSocket. The access log
   * never records query strings.
   */
  readonly accessToken: string | undefined;
  /** The channels asked for: refuse (undefined) to keep a subject out of some of them. */
  readonly channels: readonly string[];
}

export interface Principal {
  readonly subject: string;
}

/**
 * The authentication hook, run before a WebSocket upgrade or an SSE stream starts; `undefined`
 * answers 401 and no connection is made. Replace it with your identity provider's check (verify
 * a JWT, look up a session) in start-realtime.ts.
 */
export type ConnectionAuthenticator = (
  credentials: ConnectionCredentials,
) => Promise<Principal | undefined>;

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Shared bearer tokens (REALTIME_TOKENS), compared in constant time. The subject is the token's
 * position (`token-1`, ...), so logs can tell clients apart without showing a secret.
 */
export function sharedTokenAuthenticator(tokens: readonly string[]): ConnectionAuthenticator {
  if (tokens.length === 0) return async () => ({ subject: 'anonymous' });
  const known = tokens.map(digest);
  return async ({ authorization, accessToken }) => {
    const bearer = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
    const presented = bearer ?? accessToken;
    if (presented === undefined) return undefined;
    const candidate = digest(presented);
    const index = known.findIndex((token) => timingSafeEqual(token, candidate));
    return index === -1 ? undefined : { subject: `token-${index + 1}` };
  };
}
