function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * A W3C `traceparent` whose sampled flag is off. The panel sends it with each
 * poll: the frontend's server samples by its parent (the SDK's default), so
 * it records none of the few spans Next.js would otherwise make per poll.
 * A dozen polls per click would otherwise put a dozen traces of the page's
 * own bookkeeping next to the one trace the visitor made.
 */
export function unsampledTraceparent(): string {
  return `00-${randomHex(16)}-${randomHex(8)}-00`;
}
