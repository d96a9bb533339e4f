/** The page's own view of one trace: where every trace id on the page links. */
export function traceHref(traceId: string): string {
  return `/traces/${traceId.toLowerCase()}`;
}
