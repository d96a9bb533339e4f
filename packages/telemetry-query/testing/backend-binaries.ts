import { accessSync, constants } from 'node:fs';

export type BackendBinaryName = 'jaeger' | 'victorialogs';

interface BinarySpec {
  variable: string;
  what: string;
}

const SPECS: Record<BackendBinaryName, BinarySpec> = {
  jaeger: { variable: 'JAEGER_BIN', what: 'Jaeger v2.12.0' },
  victorialogs: { variable: 'VICTORIALOGS_BIN', what: 'VictoriaLogs v1.52.1' },
};

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The backend binary an integration test runs: $JAEGER_BIN / $VICTORIALOGS_BIN
 * (`npm test` sets them from the stack's build). Throws (the test fails, never
 * skips) with how to build it.
 */
export function backendBinary(name: BackendBinaryName, env: NodeJS.ProcessEnv = process.env): string {
  const spec = SPECS[name];
  const configured = env[spec.variable];
  if (configured !== undefined && configured !== '') {
    if (isExecutable(configured)) return configured;
    throw new Error(`${spec.variable}=${configured} is not an executable file. Point it at a ${spec.what} binary.`);
  }
  throw new Error(
    `No ${spec.what} binary: ${spec.variable} is not set.\n` +
      `Build it with \`npm run stack -- build\` at the repository root (it builds ${name === 'jaeger' ? 'Jaeger with jaeger/build/memory-store-only.patch' : 'VictoriaLogs from victorialogs/build'} ` +
      `into ~/.cache/o11y-demo and prints the paths), then run again with ${spec.variable}=<that path>.`,
  );
}
