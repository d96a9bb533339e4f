/** A W3C trace id: 32 hex digits, not all zeros. */
export function isTraceId(value: string): boolean {
  return /^[0-9a-f]{32}$/i.test(value) && !/^0+$/.test(value);
}

/** Lowercase hex, or an Error that says what was wrong: ids go into URLs and queries. */
export function requireTraceId(value: string): string {
  if (!isTraceId(value)) throw new Error(`not a trace id: "${value}" (expected 32 hex digits, not all zeros)`);
  return value.toLowerCase();
}
