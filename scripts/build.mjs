// Bundles the command line and the action into single committed files, so that
// `node dist/cli.js` works straight after a clone and the action needs no install.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  legalComments: 'none',
  logLevel: 'warning',
  // Some bundled CommonJS dependencies call require(): give the ESM bundle one.
  banner: {
    js: "import { createRequire as __isms_createRequire } from 'node:module'; const require = __isms_createRequire(import.meta.url);",
  },
};

await build({ ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node\n' + common.banner.js } });
await build({ ...common, entryPoints: ['src/index.ts'], outfile: 'dist/index.js' });
