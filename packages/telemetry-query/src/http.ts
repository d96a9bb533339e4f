import { z } from 'zod';

/** Every call is bounded: a backend that hangs must not hang a test, a benchmark or a page. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Readiness probes answer fast or not at all. */
export const DEFAULT_PROBE_TIMEOUT_MS = 2_000;

/** A backend failed, answered an error status, or answered something this package cannot read. */
export class BackendError extends Error {
  override name = 'BackendError';
  constructor(
    /** 'Jaeger', 'Tempo', 'VictoriaLogs', 'Quickwit', 'Prometheus'. */
    readonly backend: string,
    readonly url: string,
    /** The HTTP status, when the backend answered at all. */
    readonly status: number | undefined,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface BackendRequest {
  backend: string;
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string | URLSearchParams;
  signal?: AbortSignal | undefined;
  timeoutMs: number;
}

export interface BackendResponse {
  status: number;
  ok: boolean;
  contentType: string;
  text: string;
}

function describeFailure(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    if (cause instanceof Error) {
      const code = (cause as NodeJS.ErrnoException).code;
      return code === undefined || cause.message.includes(code) ? cause.message : `${code} (${cause.message})`;
    }
    return error.message;
  }
  return String(error);
}

/**
 * One HTTP exchange with a backend, body included, within `timeoutMs`.
 * Aborting `signal` rejects with the signal's reason (the caller gave up);
 * the timeout, a refused connection or a reset reject with a BackendError
 * naming the backend and the URL. Any status is returned: callers decide
 * which ones mean "not there yet".
 */
export async function backendRequest(request: BackendRequest): Promise<BackendResponse> {
  const { backend, url, timeoutMs } = request;
  const method = request.method ?? 'GET';
  request.signal?.throwIfAborted();
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  try {
    const response = await fetch(url, {
      method,
      headers: request.headers,
      body: request.body,
      signal,
    });
    const text = await response.text();
    return { status: response.status, ok: response.ok, contentType: response.headers.get('content-type') ?? '', text };
  } catch (error) {
    if (request.signal?.aborted) throw request.signal.reason;
    if (timeout.aborted) {
      throw new BackendError(backend, url, undefined, `${backend}: ${method} ${url} did not answer within ${timeoutMs} ms`, { cause: error });
    }
    throw new BackendError(backend, url, undefined, `${backend}: ${method} ${url} failed: ${describeFailure(error)}`, { cause: error });
  }
}

function excerpt(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}...` : flat;
}

/** Throws a BackendError for a non-2xx answer, with the status and the start of the body. */
export function expectOk(request: Pick<BackendRequest, 'backend' | 'url' | 'method'>, response: BackendResponse): void {
  if (response.ok) return;
  const body = excerpt(response.text);
  throw new BackendError(
    request.backend,
    request.url,
    response.status,
    `${request.backend}: ${request.method ?? 'GET'} ${request.url} answered HTTP ${response.status}${body ? `: ${body}` : ''}`,
  );
}

/** Parses a JSON body and checks its shape; an unexpected answer fails with what was wrong and where. */
export function parseJsonBody<T extends z.ZodType>(request: Pick<BackendRequest, 'backend' | 'url'>, text: string, schema: T): z.output<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BackendError(request.backend, request.url, undefined, `${request.backend}: ${request.url} answered something that is not JSON: ${excerpt(text)}`);
  }
  return checkShape(request, json, schema);
}

function checkShape<T extends z.ZodType>(request: Pick<BackendRequest, 'backend' | 'url'>, value: unknown, schema: T): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new BackendError(
    request.backend,
    request.url,
    undefined,
    `${request.backend}: ${request.url} answered an unexpected shape (has the backend's API changed?):\n${z.prettifyError(parsed.error)}`,
  );
}

export interface Readiness {
  ready: boolean;
  /** What the probe saw: "HTTP 200", "HTTP 503", "ECONNREFUSED (...)", "did not answer within 2000 ms". */
  detail: string;
}

/**
 * A readiness probe: ready when `url` answers 2xx (and `accept`, when given, likes the body)
 * within `timeoutMs`. Never throws, except with the caller's abort reason.
 */
export async function probe(
  backend: string,
  url: string,
  signal: AbortSignal | undefined,
  timeoutMs: number,
  accept?: (response: BackendResponse) => boolean,
): Promise<Readiness> {
  try {
    const response = await backendRequest({ backend, url, signal, timeoutMs });
    if (!response.ok) return { ready: false, detail: `HTTP ${response.status}` };
    if (accept !== undefined && !accept(response)) {
      return { ready: false, detail: `HTTP ${response.status} but not ${backend}'s answer: ${excerpt(response.text, 100)}` };
    }
    return { ready: true, detail: `HTTP ${response.status}` };
  } catch (error) {
    if (signal?.aborted) throw error;
    const cause = error instanceof BackendError ? (error as Error & { cause?: unknown }).cause : error;
    const detail = error instanceof BackendError && error.message.includes('did not answer') ? `no answer within ${timeoutMs} ms` : describeFailure(cause);
    return { ready: false, detail };
  }
}

/** `http://host:port/` -> `http://host:port`: every path is appended to the base. */
export function trimBaseUrl(url: string): string {
  return url.replace(/\/+$/, '');
}
