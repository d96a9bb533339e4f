const STORAGE_KEY = 'o11y-demo.session-id';

let cachedSessionId: string | undefined;

function randomHex(byteCount: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(byteCount));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * A browser session lasts as long as the tab (sessionStorage): reloads keep
 * the id, a new tab gets a new one. Storage can be unavailable (privacy
 * modes, sandboxed frames); the id then lives for the page only.
 */
export function getSessionId(): string {
  if (cachedSessionId) return cachedSessionId;
  try {
    const stored = sessionStorage.getItem(STORAGE_KEY);
    if (stored) return (cachedSessionId = stored);
    cachedSessionId = randomHex(16);
    sessionStorage.setItem(STORAGE_KEY, cachedSessionId);
  } catch {
    cachedSessionId ??= randomHex(16);
  }
  return cachedSessionId;
}
