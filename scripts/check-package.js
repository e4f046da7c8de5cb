#!/usr/bin/env node
// `npm test`'s package stage: builds the VSIX as `npm run package` does and checks what ships:
// under 250 KB, dist/extension.js and media/ in, no node_modules, src, tests or command-line program.
// Prints its result in mocha's words so the test summary counts it.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const vsix = path.join(root, 'dist', 'auth0-token-inspector.vsix');
execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
const listing = execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).trim().split('\n');
const size = fs.statSync(vsix).size;

const checks = [
  // 200 KB until the watch (its feed, controller and core: dist/watch.lazy.js, 55 KB minified) joined.
  [`the VSIX is under 250 KB (${(size / 1024).toFixed(1)} KB)`, size < 250 * 1024],
  ['it holds dist/extension.js', listing.includes('extension/dist/extension.js')],
  ['it holds media/ (icon, webview CSS and scripts)', ['auth0.svg', 'webview.css', 'details.css', 'details.js', 'setupReport.css', 'setupReport.js', 'huntResults.css', 'huntResults.js'].every((f) => listing.includes(`extension/media/${f}`))],
  ['it holds the README, LICENSE and CHANGELOG', ['readme.md', 'LICENSE.txt', 'changelog.md'].every((f) => listing.includes(`extension/${f}`))],
  ['it holds no node_modules, src, test or bench', !listing.some((f) => /^extension\/(node_modules|src|test|bench|out)\//.test(f))],
  // The command-line watch is a program of the repository (npm run watch-tenant), not of the extension.
  ['it holds no command-line program (dist/watchTenant.js)', !listing.includes('extension/dist/watchTenant.js')],
];
let failed = 0;
console.log('  VSIX package');
for (const [what, ok] of checks) {
  console.log(`    ${ok ? '✔' : '✘'} ${what}`);
  failed += ok ? 0 : 1;
}
console.log(`\n  ${checks.length - failed} passing`);
if (failed) {
  console.log(`  ${failed} failing`);
  console.log(listing.join('\n'));
}
process.exit(failed ? 1 : 0);
