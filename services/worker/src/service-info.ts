import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const PackageJson = z.object({ version: z.string() });

export const SERVICE_NAME = 'worker';

/** Read from package.json at startup so the reported version never drifts from the released one. */
export const SERVICE_VERSION = PackageJson.parse(
  JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')),
).version;
