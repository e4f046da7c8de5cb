// The lazy boundary as the bundles show it (run by `npm run lint`): builds what the VSIX ships
// (node esbuild.js --production, in memory) and fails when
//   - dist/extension.js, what activation loads, reaches 100 KB;
//   - a module of src/features/ is in the activation bundle and in a lazily loaded one: a feature's
//     code is either registered at activation or loaded on first use (its lazy.ts), never both
//     (a second copy is a second class, and shipped twice). A webview's protocol.ts (message
//     shapes and their checks, no class) may be in both: the serializer that restores a panel at
//     activation reads its saved state, and the panel loaded on first use reads its messages.
// The lazy entries are esbuild.js's own (every *.lazy.ts), so no list is kept here either.
const esbuild = require('esbuild');
const { extensionOptions, webviewOptions } = require('../esbuild.js');

const ACTIVATION_LIMIT = 100 * 1024;

async function main() {
  const results = await Promise.all([extensionOptions({ production: true }), webviewOptions({ production: true })].map((options) => esbuild.build({ ...options, write: false })));
  const outputs = results.flatMap((result) => Object.entries(result.metafile.outputs)).filter(([file]) => file.endsWith('.js'));
  const problems = [];
  const activation = outputs.find(([file]) => file === 'dist/extension.js')[1];
  if (activation.bytes >= ACTIVATION_LIMIT) {
    problems.push(`dist/extension.js is ${activation.bytes.toLocaleString('en-US')} bytes: activation must stay under ${ACTIVATION_LIMIT.toLocaleString('en-US')}. Load the new code on first use (the feature's lazy.ts).`);
  }
  const atActivation = new Set(Object.keys(activation.inputs).filter((input) => input.startsWith('src/features/') && !input.endsWith('/protocol.ts')));
  for (const [file, output] of outputs.filter(([name]) => name.startsWith('dist/') && name !== 'dist/extension.js')) {
    for (const input of Object.keys(output.inputs).filter((name) => atActivation.has(name))) {
      problems.push(`${input} is in dist/extension.js and in ${file}: a feature's module is registered at activation or loaded on first use, not both.`);
    }
  }
  const total = outputs.reduce((sum, [, output]) => sum + output.bytes, 0);
  console.log(`[bundles] activation ${activation.bytes.toLocaleString('en-US')} bytes; ${outputs.length} files, ${(total / 1024).toFixed(1)} KB of JavaScript shipped (minified)`);
  if (problems.length > 0) {
    problems.forEach((problem) => console.error(`✘ ${problem}`));
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
