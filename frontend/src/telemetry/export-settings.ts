/** Short enough that a click's spans reach Tempo while the visitor looks. */
export const EXPORT_DELAY_MS = 1000;

/**
 * A local collector answers in milliseconds. The short timeout also caps the
 * exporter's built-in retries at two attempts when the collector is down.
 */
export const EXPORT_TIMEOUT_MS = 2000;
