#!/usr/bin/env node
// The factlint command. The CLI itself is bundled from server/src/cli/bin.ts into dist/cli.js.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write(
    `factlint: ${bundle} is missing: the CLI has not been built.\n` +
      `Run \`npm install\` (or \`npm run build\`) in ${path.join(__dirname, '..')} first.\n`,
  );
  process.exitCode = 2;
} else {
  require(bundle);
}
