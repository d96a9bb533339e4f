import { connect } from 'node:net';

/**
 * An HTTP/1.1 client on a bare TCP socket, for in-process tests: unlike fetch or
 * node:http it sends any method, target and header bytes as given (malformed
 * ones included), and, since `net` is not instrumented, it adds no client span
 * and injects no `traceparent` of its own, so the header the test sets is the
 * one node-api sees.
 */

export interface RawRequest {
  method: string;
  /** The request target as sent: path and query, `*`, or anything else. */
  target: string;
  /** Sent in order, as latin1 bytes; Host and Connection: close come first. */
  headers?: Array<[string, string]>;
  body?: string | Buffer;
  /** The request fails when no complete answer came within this time. */
  timeoutMs?: number;
}

export interface RawResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json(): unknown;
}

const HEAD_END = Buffer.from('\r\n\r\n');

interface Parsed {
  status: number;
  headers: Record<string, string>;
  /** Undefined while the body is incomplete. */
  body: Buffer | undefined;
}

function dechunk(data: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd === -1) return undefined;
    const size = Number.parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (Number.isNaN(size)) return Buffer.concat(parts);
    if (size === 0) return Buffer.concat(parts);
    if (data.length < lineEnd + 2 + size + 2) return undefined;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

function parse(data: Buffer, method: string, closed: boolean): Parsed | undefined {
  // Interim answers (100 Continue to an `Expect: 100-continue`) come before the real one.
  while (/^HTTP\/1\.[01] 1(?!01)\d\d /.test(data.subarray(0, 16).toString('latin1'))) {
    const interimEnd = data.indexOf(HEAD_END);
    if (interimEnd === -1) return undefined;
    data = data.subarray(interimEnd + HEAD_END.length);
  }
  const headEnd = data.indexOf(HEAD_END);
  if (headEnd === -1) return undefined;
  const [statusLine = '', ...lines] = data.subarray(0, headEnd).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
  if (Number.isNaN(status)) throw new Error(`not an HTTP response: ${JSON.stringify(statusLine.slice(0, 100))}`);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  const rest = data.subarray(headEnd + HEAD_END.length);
  let body: Buffer | undefined;
  if (method === 'HEAD' || status === 204 || status === 304 || status < 200) body = Buffer.alloc(0);
  else if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = dechunk(rest);
  else if (headers['content-length'] !== undefined) {
    const length = Number(headers['content-length']);
    body = rest.length >= length ? rest.subarray(0, length) : undefined;
  } else body = closed ? rest : undefined;
  return { status, headers, body };
}

export function rawRequest(port: number, { method, target, headers = [], body, timeoutMs = 5_000 }: RawRequest): Promise<RawResponse> {
  const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const head =
    `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n` +
    headers.map(([name, value]) => `${name}: ${value}\r\n`).join('') +
    (payload === undefined ? '' : `Content-Length: ${payload.length}\r\n`) +
    '\r\n';

  return new Promise<RawResponse>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const socket = connect(port, '127.0.0.1');
    const timer = setTimeout(
      () => finish(new Error(`no complete answer to ${method} ${target.slice(0, 80)} within ${timeoutMs} ms`)),
      timeoutMs,
    );

    function finish(error?: Error, closed = false): void {
      if (settled) return;
      let parsed: Parsed | undefined;
      try {
        parsed = parse(Buffer.concat(chunks), method, closed);
      } catch (parseError) {
        error = parseError as Error;
      }
      if (parsed?.body === undefined && error === undefined && !closed) return; // keep reading
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (parsed?.body === undefined) {
        reject(error ?? new Error(`the connection closed without a complete answer to ${method} ${target.slice(0, 80)}`));
        return;
      }
      const text = parsed.body.toString('utf8');
      resolve({
        status: parsed.status,
        headers: parsed.headers,
        body: text,
        json() {
          try {
            return JSON.parse(text) as unknown;
          } catch {
            return undefined;
          }
        },
      });
    }

    socket.on('connect', () => {
      socket.write(Buffer.from(head, 'latin1'));
      if (payload !== undefined) socket.write(payload);
    });
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      finish();
    });
    socket.on('end', () => finish(undefined, true));
    socket.on('close', () => finish(undefined, true));
    // A reset after the answer arrived (the server closing while the body was still being sent) is fine.
    socket.on('error', (error) => finish(error, true));
  });
}
