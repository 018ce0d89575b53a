import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import { clientAddress } from './client-address.ts';

/** The address of the TCP peer (or the platform's equivalent), per runtime adapter. */
export type PeerAddress = (c: Context) => string | undefined;

/** The TCP peer of a request served by @hono/node-server (src/main.ts). */
export const nodePeerAddress: PeerAddress = (c) =>
  (c.env as Partial<HttpBindings> | undefined)?.incoming?.socket.remoteAddress;

/** What a request says about its origin once TRUST_PROXY_HOPS has been applied. */
export interface Forwarded {
  /** Used in the access log, the rate-limit key and nowhere else. */
  clientAddress(c: Context): string | undefined;
  /** `https` when the request arrived over TLS, as the trusted proxies report it. */
  scheme(c: Context): 'http' | 'https';
}

/**
 * X-Forwarded-For and X-Forwarded-Proto are read right to left, trusting `trustedHops` proxies
 * (the ingress, the load balancer); with 0 hops they are ignored and a client cannot spoof them.
 */
export function forwarded(peerAddress: PeerAddress, trustedHops: number): Forwarded {
  return {
    clientAddress: (c) =>
      clientAddress(peerAddress(c), c.req.header('x-forwarded-for'), trustedHops),
    scheme: (c) => {
      const own = c.req.url.startsWith('https:') ? 'https' : 'http';
      // The same walk as X-Forwarded-For, applied to the protocol each proxy saw.
      const reported = clientAddress(own, c.req.header('x-forwarded-proto'), trustedHops);
      return reported?.toLowerCase() === 'https' ? 'https' : 'http';
    },
  };
}
