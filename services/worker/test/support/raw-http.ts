import { connect } from 'node:net';

export interface RawResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** Thrown when the server closed the connection, or let the deadline pass, without a complete answer. */
export class NoAnswer extends Error {
  override name = 'NoAnswer';
}

const HEAD_END = '\r\n\r\n';

/**
 * Sends bytes exactly as given (malformed HTTP included, which no HTTP client
 * would send) and reads back the first final answer. The answer is complete when
 * its declared length (or last chunk) has arrived, so a server that keeps the
 * connection open is no reason to wait; interim 1xx answers are skipped.
 */
export function sendRaw(port: number, request: string | Buffer, { timeoutMs, head = false }: { timeoutMs: number; head?: boolean }): Promise<RawResponse> {
  return new Promise<RawResponse>((resolve, reject) => {
    let received = Buffer.alloc(0);
    let settled = false;
    const settle = (outcome: RawResponse | Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      socket.destroy();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    // Written without ending our side: Node's server treats a client's half-close as giving up on the answer.
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    const deadline = setTimeout(() => settle(new NoAnswer(`no answer within ${timeoutMs} ms`)), timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const answer = completeAnswer(received, head, false);
      if (answer !== undefined) settle(answer);
    });
    socket.on('close', () => settle(completeAnswer(received, head, true) ?? new NoAnswer(`connection closed after ${received.length} bytes: ${JSON.stringify(received.toString('latin1').slice(0, 200))}`)));
    // A server may reset the connection after answering while the request is still being written.
    socket.on('error', () => undefined);
  });
}

function completeAnswer(bytes: Buffer, head: boolean, closed: boolean): RawResponse | undefined {
  let text = bytes.toString('latin1');
  for (;;) {
    const headEnd = text.indexOf(HEAD_END);
    if (headEnd === -1) return undefined;
    const [statusLine = '', ...headerLines] = text.slice(0, headEnd).split('\r\n');
    const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
    if (match === null) return undefined;
    const statusCode = Number(match[1]);
    const headers: Record<string, string> = {};
    for (const line of headerLines) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const rest = text.slice(headEnd + HEAD_END.length);
    if (statusCode < 200) {
      text = rest;
      continue;
    }
    if (head || statusCode === 204 || statusCode === 304) return { statusCode, headers, body: '' };
    if (headers['content-length'] !== undefined) {
      const length = Number(headers['content-length']);
      const body = Buffer.from(rest, 'latin1');
      return body.length >= length ? { statusCode, headers, body: body.subarray(0, length).toString('utf8') } : undefined;
    }
    if (headers['transfer-encoding']?.toLowerCase() === 'chunked') {
      const body = dechunk(rest);
      return body === undefined ? undefined : { statusCode, headers, body };
    }
    return closed ? { statusCode, headers, body: Buffer.from(rest, 'latin1').toString('utf8') } : undefined;
  }
}

function dechunk(text: string): string | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = text.indexOf('\r\n', at);
    if (lineEnd === -1) return undefined;
    const size = parseInt(text.slice(at, lineEnd), 16);
    if (Number.isNaN(size)) return undefined;
    if (size === 0) return Buffer.concat(parts).toString('utf8');
    const start = lineEnd + 2;
    if (text.length < start + size + 2) return undefined;
    parts.push(Buffer.from(text.slice(start, start + size), 'latin1'));
    at = start + size + 2;
  }
}
