/**
 * How long the batch processors wait before sending. A click's browser spans
 * end within milliseconds of the click (the fetch span when the response
 * arrives), so 250 ms sends them, usually in one request, well before
 * node-api's and the worker's own spans leave (every 500 ms on the
 * interactive profile): the browser is never what the page's "trace complete
 * N.N s after the click" waits for. A shorter delay would only split a
 * click's spans over more requests.
 */
export const EXPORT_DELAY_MS = 250;

/**
 * A local collector answers in milliseconds. The short timeout also caps the
 * exporter's built-in retries at two attempts when the collector is down.
 */
export const EXPORT_TIMEOUT_MS = 2000;
