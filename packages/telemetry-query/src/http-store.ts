import { DEFAULT_PROBE_TIMEOUT_MS, DEFAULT_TIMEOUT_MS, probe, trimBaseUrl, type Readiness } from './http';

export interface StoreOptions {
  /** Bound on each query, body included (default 10 s). */
  timeoutMs?: number;
  /** Bound on each readiness probe (default 2 s). */
  probeTimeoutMs?: number;
}

/**
 * What every store shares: a base URL, its time bounds, and a readiness probe
 * that checks the answer's text, not only its status (Jaeger's UI placeholder
 * answers 200 on every path, so a bare 2xx could be the wrong backend).
 */
export abstract class HttpStore {
  abstract readonly displayName: string;
  readonly baseUrl: string;
  protected readonly timeoutMs: number;
  protected readonly probeTimeoutMs: number;

  constructor(baseUrl: string, options: StoreOptions = {}) {
    this.baseUrl = trimBaseUrl(baseUrl);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.probeTimeoutMs = options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  }

  /** What isReady asks. */
  abstract get readinessUrl(): string;
  /** True when the readiness URL's text is this backend's own "ready". */
  protected abstract readyAnswer(text: string): boolean;

  async isReady(signal?: AbortSignal): Promise<boolean> {
    return (await this.checkReady(signal)).ready;
  }

  checkReady(signal?: AbortSignal): Promise<Readiness> {
    return probe(this.displayName, this.readinessUrl, signal, this.probeTimeoutMs, (response) => this.readyAnswer(response.text));
  }
}
