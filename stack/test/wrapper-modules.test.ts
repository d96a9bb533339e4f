import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { wrapperModuleFiles } from '../src/build/go-module-build';
import { VICTORIA_LOGS } from '../src/versions';

/**
 * The committed wrapper module is the whole recipe for the VictoriaLogs
 * build; these checks keep it and stack/src/versions.ts in step.
 */
for (const spec of [VICTORIA_LOGS]) {
  describe(`${spec.component} wrapper module (${spec.wrapperDir})`, () => {
    const { goMod, goSum } = wrapperModuleFiles(spec);

    it('requires the upstream module at the version versions.ts names', () => {
      const required = new RegExp(`^\\s*(?:require\\s+)?${spec.module.replace(/[.]/g, '\\.')} (v\\S+)`, 'm').exec(goMod);
      assert.equal(required?.[1], spec.version);
    });

    it('names the binary it builds as a tool', () => {
      assert.match(goMod, new RegExp(`^tool ${spec.packagePath.replace(/[.]/g, '\\.')}$`, 'm'));
    });

    it("pins the upstream module's hash in go.sum, so no build asks the checksum database", () => {
      assert.match(goSum, new RegExp(`^${spec.module.replace(/[.]/g, '\\.')} ${spec.version} h1:`, 'm'));
      assert.match(goSum, new RegExp(`^${spec.module.replace(/[.]/g, '\\.')} ${spec.version}/go\\.mod h1:`, 'm'));
    });
  });
}
