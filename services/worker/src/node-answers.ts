import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * JSON answers for what Node handles below Express (malformed HTTP, CONNECT,
 * unknown expectations) and for targets Express cannot route: without these,
 * Node answers with an empty body or none at all, and Express with an HTML page.
 */

export interface ErrorBody {
  error: string;
  message: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';

export function answerOnResponse(res: ServerResponse, statusCode: number, body: ErrorBody): void {
  const payload = JSON.stringify(body);
  res.writeHead(statusCode, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
}

/** For requests Node turns away before there is a response object: a complete answer, then close. */
export function answerOnSocket(socket: Duplex, statusCode: number, body: ErrorBody): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const payload = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode] ?? ''}\r\n` +
      `Content-Type: ${JSON_TYPE}\r\n` +
      `Content-Length: ${Buffer.byteLength(payload)}\r\n` +
      'Connection: close\r\n\r\n' +
      payload,
  );
}

interface ParserError extends Error {
  code?: string;
  /** llhttp's own description, e.g. "Invalid method encountered". */
  reason?: string;
}

/** What to tell a client whose bytes Node's HTTP parser (or its timeouts) rejected. */
export function clientErrorAnswer(error: ParserError, maxHeaderBytes: number): { statusCode: number; body: ErrorBody } {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        statusCode: 431,
        body: { error: 'headers_too_large', message: `The request headers exceed ${maxHeaderBytes} bytes.` },
      };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { statusCode: 408, body: { error: 'request_timeout', message: 'The request did not arrive in time.' } };
    default:
      return {
        statusCode: 400,
        body: { error: 'bad_request', message: `Malformed HTTP request: ${error.reason ?? error.message}.` },
      };
  }
}
