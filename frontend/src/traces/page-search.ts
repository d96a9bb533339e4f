/** A page's `searchParams` prop as URLSearchParams (a repeated parameter arrives as an array). */
export function toUrlSearch(params: Record<string, string | string[] | undefined>): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) for (const item of [value ?? []].flat()) search.append(key, item);
  return search;
}
