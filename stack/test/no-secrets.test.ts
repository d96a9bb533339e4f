// No secret in the repository: every tracked file is scanned for the shapes
// credentials take (private keys, cloud and forge tokens, passwords written
// into config). A demo is copied onto many laptops; a secret here leaks everywhere.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { root } from './support/processes';

const SECRET_SHAPES: ReadonlyArray<{ name: string; pattern: RegExp }> = [
  { name: 'private key', pattern: /-----BEGIN (?:RSA |EC |OPENSSH |DSA |ENCRYPTED )?PRIVATE KEY-----/ },
  { name: 'AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { name: 'GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/ },
  { name: 'Slack token', pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/ },
  { name: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { name: 'npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/ },
  { name: 'Grafana service account token', pattern: /\bglsa_[A-Za-z0-9]{32}_[0-9a-f]{8}\b/ },
  // A password written into config: `password: hunter2`, `PASSWORD=hunter2`, not `${VAR}`, not empty.
  { name: 'password in config', pattern: /^\s*[\w.-]*(?:password|passwd|secret)[\w.-]*\s*[:=]\s*["']?(?!\$\{|["']?\s*$)[^\s"'#]{4,}/im },
];

/** Binary and generated files: no config or code is written there. */
const SKIP = /\.(png|ico|svg|woff2?)$|^package-lock\.json$|go\.sum$/;

function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter((f) => f !== '' && !SKIP.test(f));
}

describe('repository', () => {
  it('holds no secret in any tracked file', () => {
    const files = trackedFiles();
    assert.ok(files.length > 100, 'git ls-files found the repository');
    const found: string[] = [];
    for (const file of files) {
      let text: string;
      try {
        text = readFileSync(join(root, file), 'utf8');
      } catch {
        continue; // deleted in the working tree
      }
      for (const { name, pattern } of SECRET_SHAPES) {
        const match = pattern.exec(text);
        if (match) found.push(`${file}: ${name} (${match[0].trim().slice(0, 40)})`);
      }
    }
    assert.deepEqual(found, [], `secrets in the repository:\n${found.join('\n')}`);
  });

  it('recognises the shapes it looks for', () => {
    // Assembled from pieces, so this file does not hold what it looks for.
    const samples = [
      ['-----BEGIN RSA', 'PRIVATE KEY-----'].join(' '),
      `aws_key = ${'AKIA'}ABCDEFGHIJKLMNOP`,
      'token: ghp_' + 'a'.repeat(36),
      'GF_SECURITY_ADMIN_PASSWORD: hunter22',
      'password=s3cr3tvalue',
    ];
    for (const sample of samples) assert.ok(SECRET_SHAPES.some(({ pattern }) => pattern.test(sample)), sample);
    for (const harmless of ['GF_SECURITY_ADMIN_PASSWORD: ${GF_SECURITY_ADMIN_PASSWORD:-}', 'password:', '# the admin password comes from the environment']) {
      assert.ok(!SECRET_SHAPES.some(({ pattern }) => pattern.test(harmless)), harmless);
    }
  });
});
