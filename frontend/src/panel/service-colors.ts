/** One colour per service, the same in the waterfall, the span counts and the log lines. */
const SERVICE_COLORS: Record<string, string> = {
  'frontend-web': '#6366f1',
  'node-api': '#0d9488',
  worker: '#d97706',
  frontend: '#64748b',
};

export function serviceColor(service: string): string {
  return SERVICE_COLORS[service] ?? '#64748b';
}
