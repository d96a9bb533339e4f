import { spawnSync } from 'node:child_process';

class GoMissingError extends Error {
  constructor(detail: string) {
    super(
      `Go is needed to build the collector, Prometheus, Jaeger and VictoriaLogs, but ${detail}.\n` +
        '  Fix one of:\n' +
        '  - install Go 1.26.5 or newer (VictoriaLogs v1.52.1 needs it) from https://go.dev/dl/ and make sure `go` is on PATH;\n' +
        '  - point OTELCOL_BIN, PROMETHEUS_BIN, PROMTOOL_BIN, JAEGER_BIN and VICTORIALOGS_BIN at binaries you already have;\n' +
        '  - or use the Docker path: `docker compose up --build`.',
    );
  }
}

/** Fails early with install advice instead of a bare ENOENT halfway through a build. */
export function requireGoToolchain(): string {
  const probe = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (probe.error !== undefined) {
    throw new GoMissingError('`go` was not found on PATH');
  }
  if (probe.status !== 0) {
    throw new GoMissingError(`\`go version\` failed: ${probe.stderr.trim()}`);
  }
  return probe.stdout.trim();
}

/** Builds must not pick up a go.work or vendor dir from wherever the user happens to be. */
export function goBuildEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, GOWORK: 'off', GOFLAGS: '-mod=mod', ...extra };
}
