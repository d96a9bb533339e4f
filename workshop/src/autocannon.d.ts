// autocannon ships no types; this declares the part of its API the traffic generator uses.
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  interface RequestData {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    setupRequest?: (request: RequestData) => RequestData;
  }
  interface Options {
    url: string;
    connections?: number;
    overallRate?: number;
    duration?: number;
    amount?: number;
    timeout?: number;
    requests?: RequestData[];
  }
  interface Instance extends EventEmitter {
    stop(): void;
  }
  function autocannon(options: Options, done: (error: Error | null) => void): Instance;
  export = autocannon;
}
