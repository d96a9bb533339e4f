import { z } from 'zod';

/** An absolute path to an existing file is checked later, where we can say which variable was wrong. */
const optionalPath = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const stackEnvSchema = z.object({
  O11Y_DEMO_CACHE: optionalPath,
  OTELCOL_BIN: optionalPath,
  /** Build the collector from this ocb manifest instead of collector/builder-config.yaml. */
  OTELCOL_MANIFEST: optionalPath,
  /** Runs this Tempo (with tempo/tempo.yaml) instead of Jaeger. */
  TEMPO_BIN: optionalPath,
  JAEGER_BIN: optionalPath,
  VICTORIALOGS_BIN: optionalPath,
  PROMETHEUS_BIN: optionalPath,
  PROMTOOL_BIN: optionalPath,
  /** Runs this Quickwit (with quickwit/quickwit.yaml) instead of VictoriaLogs. */
  QUICKWIT_BIN: optionalPath,
  GRAFANA_BIN: optionalPath,
  GRAFANA_HOME: optionalPath,
  /** Seconds each component may take to become healthy. */
  STACK_HEALTH_TIMEOUT_S: z.coerce.number().positive().default(120),
});

export type StackEnv = z.infer<typeof stackEnvSchema>;

/** Parses the runner's own variables; the error lists every bad variable at once. */
export function parseStackEnv(env: NodeJS.ProcessEnv = process.env): StackEnv {
  const result = stackEnvSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment for the native stack:\n${problems.join('\n')}`);
  }
  const parsed = result.data;
  if (parsed.GRAFANA_BIN !== undefined && parsed.GRAFANA_HOME === undefined) {
    throw new Error(
      'GRAFANA_BIN is set but GRAFANA_HOME is not: set GRAFANA_HOME to the Grafana install directory (the one containing conf/ and public/).',
    );
  }
  return parsed;
}
