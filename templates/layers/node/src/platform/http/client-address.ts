/**
 * The client's address, the same for every HTTP framework (it matches Fastify's `request.ip`
 * with a numeric `trustProxy`): walk X-Forwarded-For from the right, trusting `trustedHops`
 * proxies. With 0 hops the header is ignored, so a client cannot spoof its address.
 */
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedHops: number,
): string | undefined {
  if (trustedHops === 0 || forwardedFor === undefined) return socketAddress;
  const forwarded = [forwardedFor]
    .flat()
    .join(',')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = [socketAddress, ...forwarded.reverse()];
  return chain[Math.min(trustedHops, chain.length - 1)];
}
