import { ScenarioListSchema, type ScenarioList, type ScenarioName } from '@o11y-demo/scenarios';
import { z } from 'zod';

/** node-api's scenario switch over HTTP: the same calls the page's panel makes. */
export class ScenarioApi {
  constructor(private readonly nodeApiUrl: string) {}

  list(): Promise<ScenarioList> {
    return this.call('GET', '/scenarios');
  }

  set(name: ScenarioName, active: boolean): Promise<ScenarioList> {
    return this.call('PUT', `/scenarios/${encodeURIComponent(name)}`, { active });
  }

  reset(): Promise<ScenarioList> {
    return this.call('DELETE', '/scenarios');
  }

  private async call(method: string, path: string, body?: unknown): Promise<ScenarioList> {
    const url = `${this.nodeApiUrl}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(5_000),
      });
    } catch (error) {
      throw new Error(`node-api is not answering at ${this.nodeApiUrl} (${(error as Error).message}); start the demo with \`npm start\``, { cause: error });
    }
    const payload: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const message = z.object({ message: z.string() }).safeParse(payload).data?.message ?? `HTTP ${response.status}`;
      throw new Error(`${method} ${url}: ${message}`);
    }
    const parsed = ScenarioListSchema.safeParse(payload);
    if (!parsed.success) throw new Error(`${method} ${url} answered something that is not the scenario list; is node-api up to date (npm run build)?`);
    return parsed.data;
  }
}

