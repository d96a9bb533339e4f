/**
 * Every pinned version of a backend the native stack builds, in one place.
 * The cache directory name is derived from these, so bumping a version here
 * is all it takes to get a fresh build on the next start.
 */

export interface GoModuleBuild {
  /** Cache directory prefix and the name users see in messages. */
  readonly component: string;
  readonly module: string;
  readonly version: string;
  /** The version the upstream project calls it by (for humans only). */
  readonly displayVersion: string;
  /** Packages to build, keyed by the binary name they produce. */
  readonly binaries: Readonly<Record<string, string>>;
  /**
   * Pinned module zip hash, for modules the Go checksum database does not know.
   * Without this pin, GONOSUMDB would mean trusting whatever the proxy serves.
   */
  readonly pinnedSum?: string;
  /**
   * `-X` link-time variables their release builds set; without them
   * `--version` and Prometheus's /api/v1/status/buildinfo (which Grafana
   * reads to pick features) report an empty version.
   */
  readonly versionVariables: Readonly<Record<string, string>>;
  /** `go build -tags`: upstream build tags that leave out code the demo never runs. */
  readonly buildTags: readonly string[];
  /**
   * Patches (repository paths) applied to the module source before the
   * build, for code the demo never runs that upstream has no build tag for.
   * Their content is part of the binary cache key.
   */
  readonly patches?: readonly string[];
}

export const COLLECTOR_BUILDER = {
  module: 'go.opentelemetry.io/collector/cmd/builder',
  version: 'v0.159.0',
} as const;

export const PROMETHEUS: GoModuleBuild = {
  component: 'prometheus',
  // Prometheus v3.x is published to the module proxy as v0.3xx.y.
  module: 'github.com/prometheus/prometheus',
  version: 'v0.314.0',
  displayVersion: 'v3.14.0',
  binaries: { prometheus: './cmd/prometheus' },
  // Prometheus's documented tag: keeps file, static and HTTP service discovery
  // (all prometheus/prometheus.yml uses) and leaves out the cloud and
  // Kubernetes SDKs, which halves the build.
  buildTags: ['remove_all_sd'],
  versionVariables: {
    'github.com/prometheus/common/version.Version': '3.14.0',
    'github.com/prometheus/common/version.Branch': 'HEAD',
  },
};

/**
 * promtool, from the same module with the same tag: only the config checks
 * run it, so `npm run stack -- build` (and `npm test`) builds it and
 * `npm start` does not.
 */
export const PROMTOOL: GoModuleBuild = { ...PROMETHEUS, component: 'promtool', binaries: { promtool: './cmd/promtool' } };

/**
 * A backend built from a small wrapper module committed in the repository:
 * its go.mod requires the upstream module as a `tool` (repeating upstream's
 * replace directives, which `go install module@version` refuses) and its
 * go.sum pins every dependency, so a build never consults the checksum
 * database and never resolves anything anew.
 */
export interface WrapperModuleBuild {
  /** Cache directory prefix and the name users see in messages. */
  readonly component: string;
  /** The wrapper module's folder, relative to the repository root. */
  readonly wrapperDir: string;
  /** The upstream module and the version the wrapper's go.mod requires (a test keeps them equal). */
  readonly module: string;
  readonly version: string;
  /** The version the upstream project calls it by (for humans only). */
  readonly displayVersion: string;
  readonly binaryName: string;
  /** The main package, as the wrapper's `tool` line names it. */
  readonly packagePath: string;
  readonly versionVariables: Readonly<Record<string, string>>;
}

/**
 * Jaeger v2: the Go module keeps v1 tags; v1.75.0 is Jaeger 2.12.0, the
 * approved release. Apache-2.0. Its go.sum pins every dependency's hash;
 * the module's own hash is pinned here. The patch keeps only the
 * components and the memory store that jaeger/config.yaml uses.
 */
export const JAEGER: GoModuleBuild = {
  component: 'jaeger',
  module: 'github.com/jaegertracing/jaeger',
  version: 'v1.75.0',
  displayVersion: 'v2.12.0',
  binaries: { jaeger: './cmd/jaeger' },
  pinnedSum: 'h1:OWj6uKRJ8QaH+AVypRwqINGi3Q/WOchbEfp53FJK0Xk=',
  buildTags: [],
  patches: ['jaeger/build/memory-store-only.patch'],
  versionVariables: { 'github.com/jaegertracing/jaeger/internal/version.latestVersion': 'v2.12.0' },
};

/** VictoriaLogs, the native stack's log store. Apache-2.0. */
export const VICTORIA_LOGS: WrapperModuleBuild = {
  component: 'victoria-logs',
  wrapperDir: 'victorialogs/build',
  module: 'github.com/VictoriaMetrics/VictoriaLogs',
  version: 'v1.52.1',
  displayVersion: 'v1.52.1',
  binaryName: 'victoria-logs',
  packagePath: 'github.com/VictoriaMetrics/VictoriaLogs/app/victoria-logs',
  versionVariables: { 'github.com/VictoriaMetrics/VictoriaMetrics/lib/buildinfo.Version': 'victoria-logs-v1.52.1' },
};

export interface PinnedModule {
  readonly module: string;
  readonly version: string;
  /** Module zip hash (`go mod download -json` "Sum"). */
  readonly sum: string;
}

/**
 * Collector modules the Go checksum database has no entry for (behind the
 * demo machines' module proxy), so the build needs GONOSUMDB for them. To
 * keep that from meaning "trust anything", their hashes were recorded on
 * first download and every build checks them before the builder runs. A
 * manifest that moves one of these to another version needs a new pin here.
 */
export const COLLECTOR_SUMDB_MISSING_PINS: readonly PinnedModule[] = [
  {
    module: 'github.com/open-telemetry/opentelemetry-collector-contrib/connector/servicegraphconnector',
    version: 'v0.159.0',
    sum: 'h1:0Iw+mN0cMX2nbGKcz+APwc667l3xZmofsASInzdnVQ0=',
  },
  {
    module: 'github.com/open-telemetry/opentelemetry-collector-contrib/connector/signaltometricsconnector',
    version: 'v0.158.0',
    sum: 'h1:+eCKSo4Gy1xQZnUG5pImcgksX/m2aiG8oorpiXNazWQ=',
  },
];
