import { PUBLIC_CONFIG_META_NAME, type PublicConfig } from '../config/public-config';

/**
 * The server renders its runtime config into a `<meta>` element (see the root
 * layout); reading it here keeps URLs out of the JavaScript bundle.
 */
export function readConfigFromDocument(doc: Document): PublicConfig | undefined {
  const content = doc
    .querySelector(`meta[name="${PUBLIC_CONFIG_META_NAME}"]`)
    ?.getAttribute('content');
  if (!content) return undefined;
  try {
    return JSON.parse(content) as PublicConfig;
  } catch {
    return undefined;
  }
}
