import { LOOPBACK, PORTS, httpUrl } from '@o11y-demo/topology';
import { z } from 'zod';

const alertsSchema = z.object({
  data: z.object({ alerts: z.array(z.object({ labels: z.record(z.string(), z.string()), state: z.string() })) }),
});

/** Names of the alerts Prometheus has firing now (pending ones are not yet an alert). */
export async function firingAlerts(prometheusUrl = httpUrl(PORTS.prometheus, LOOPBACK)): Promise<string[]> {
  const response = await fetch(`${prometheusUrl}/api/v1/alerts`, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`Prometheus ${prometheusUrl}/api/v1/alerts answered ${response.status}`);
  const { data } = alertsSchema.parse(await response.json());
  const names = data.alerts.filter((a) => a.state === 'firing').map((a) => a.labels['alertname'] ?? '?');
  return [...new Set(names)].sort();
}
