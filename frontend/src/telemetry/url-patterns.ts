/** Matches `baseUrl` itself and every path below it, nothing else. */
export function urlPrefixPattern(baseUrl: string): RegExp {
  const escaped = baseUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped}(?:[/?#]|$)`);
}
