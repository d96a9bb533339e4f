import path from 'node:path';
import type { NextConfig } from 'next';
import { NODE_INSTRUMENTATION_PACKAGES } from '@o11y-demo/telemetry/dist/instrumentation-packages';

const nextConfig: NextConfig = {
  // A self-contained server (`.next/standalone`) keeps the Docker image small.
  // Only the image's build asks for it (frontend/Dockerfile sets
  // NEXT_OUTPUT=standalone): the native stack serves the build with
  // `next start`, which warns about and does not need standalone output.
  output: process.env.NEXT_OUTPUT === 'standalone' ? 'standalone' : undefined,
  // npm workspaces hoist dependencies to the repository root; tracing from there
  // lets the standalone output find them.
  outputFileTracingRoot: path.join(__dirname, '..'),
  // The OpenTelemetry Node SDK patches modules with require hooks and loads
  // instrumentations dynamically: it must run from node_modules, not from a
  // bundle. (Our own @o11y-demo/telemetry is a workspace link outside
  // node_modules, so Next.js bundles its few lines either way; what it
  // imports from this list stays external and is traced into the standalone
  // output.)
  serverExternalPackages: [
    '@opentelemetry/sdk-node',
    '@opentelemetry/instrumentation',
    ...NODE_INSTRUMENTATION_PACKAGES,
    '@fastify/otel',
  ],
  poweredByHeader: false,
  reactStrictMode: true,
  // The repository's one ESLint run (`npm run lint`, in `npm test`) covers this
  // workspace with type information; a second pass inside every build would only
  // repeat it.
  eslint: { ignoreDuringBuilds: true },
};

export default nextConfig;
