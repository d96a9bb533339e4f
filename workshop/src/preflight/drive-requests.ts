import { sendTracedRequest, type SentTrace } from '@o11y-demo/telemetry-query';

/**
 * Sends traced /data requests, one after another, until `enough` says the
 * sample shows the scenario (a random one may need a few tries) or `max` is
 * reached. Sequential on purpose: each request's latency is its own.
 */
export async function driveRequests(
  nodeApiUrl: string,
  { min, max, enough = () => true, path = '/data' }: { min: number; max: number; enough?: (sent: readonly SentTrace[]) => boolean; path?: string },
): Promise<SentTrace[]> {
  const sent: SentTrace[] = [];
  while (sent.length < max && (sent.length < min || !enough(sent))) {
    sent.push(await sendTracedRequest(`${nodeApiUrl}${path}`));
  }
  return sent;
}
