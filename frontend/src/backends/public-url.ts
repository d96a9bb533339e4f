import 'server-only';
/**
 * The query package builds links on the URL the server uses
 * (http://127.0.0.1:16686, http://tempo:3200 in compose); a visitor's browser
 * reaches the same backend under another origin (PUBLIC_*_URL). Everything
 * after the base stays as the package wrote it.
 */
export function toPublicUrl(url: string, serverBaseUrl: string, publicBaseUrl: string | undefined): string {
  if (publicBaseUrl === undefined || !url.startsWith(serverBaseUrl)) return url;
  return `${publicBaseUrl}${url.slice(serverBaseUrl.length)}`;
}
