// The extension-host side of the end-to-end tests: the `extensionTestsPath` contract of
// @vscode/test-electron (and of code-server's smoke-test driver): a module exporting run().
// Bundled by test/e2e/build.mjs to test/e2e/out/suite/index.js; mocha comes from node_modules.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    reporter: 'spec',
    timeout: Number(process.env.FACTLINT_E2E_TEST_TIMEOUT_MS) || 30_000,
    // One failure explains the next ones less than it hides them: run everything.
    bail: false,
  });
  const dir = __dirname;
  const grep = process.env.FACTLINT_E2E_GREP;
  if (grep) mocha.grep(grep);
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.e2e.js')).sort()) {
    mocha.addFile(path.join(dir, file));
  }
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => {
        if (failures > 0) reject(new Error(`${failures} e2e test${failures === 1 ? '' : 's'} failed`));
        else resolve();
      });
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
