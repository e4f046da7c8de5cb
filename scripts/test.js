#!/usr/bin/env node
// `npm test`: every check, in order: types, lint, unit (plain Node against the emulator), the live
// contract suite against the emulator as a tenant's stand-in, the test bed's self-test,
// integration (inside a real VS Code), UI (Playwright on the real workbench).
// `npm test -- unit integration` runs only the named stages (types and build always run first).
// Ends with one summary line: "tests: N passed, N failed".
const { spawn } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
// Stages run only after `prerequisites` has installed node_modules, so .bin paths resolve then.

const stages = [
  { name: 'prerequisites', always: true, command: ['bash', 'scripts/prerequisites.sh'], what: 'install what is missing (Debian packages, npm ci, code-server)' },
  { name: 'types', always: true, command: [bin('tsc'), '-p', '.'], what: 'type-check and compile tests (tsc)' },
  { name: 'build', always: true, command: [process.execPath, 'esbuild.js'], what: 'bundle the extension (esbuild)' },
  { name: 'lint', command: ['npm', 'run', '--silent', 'lint'], what: 'npm run lint: ESLint (layers, lazy modules, the webview kit), dependency-cruiser (import circles with type-only imports, public modules), the bundles' },
  { name: 'unit', command: [bin('mocha'), '--config', 'test/unit/.mocharc.json'], what: 'unit and contract tests in plain Node against the emulator', counts: true },
  { name: 'live', command: [process.execPath, 'out/test/live/run.js', '--stand-in'], what: 'the live contract suite, against the emulator as a tenant\'s stand-in (and a real tenant when AUTH0_* are set)', counts: true },
  { name: 'testbed', command: [bin('mocha'), '--timeout', '240000', 'out/test/selftest/**/*.test.js'], what: "the test bed's own behaviour (failing and hanging fixture suites)", counts: true },
  { name: 'integration', command: [process.execPath, 'out/test/testbed/runSuites.js'], what: 'integration suites inside VS Code', counts: true },
  { name: 'ui', command: [bin('mocha'), '--config', 'test/ui/.mocharc.json'], what: 'UI tests: Playwright on the real workbench', counts: true },
  { name: 'package', command: [process.execPath, 'scripts/check-package.js'], what: 'the VSIX: size and contents', counts: true },
];

function run(stage) {
  return new Promise((resolve) => {
    const started = Date.now();
    console.log(`\n=== [${stage.name}] ${stage.what}`);
    const child = spawn(stage.command[0], stage.command.slice(1), { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const forward = (stream) => (chunk) => {
      output += chunk.toString();
      stream.write(chunk);
    };
    child.stdout.on('data', forward(process.stdout));
    child.stderr.on('data', forward(process.stderr));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      // eslint-disable-next-line no-control-regex -- strips ANSI colours before counting
      const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
      const count = (word) => [...plain.matchAll(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'gm'))].reduce((s, m) => s + Number(m[1]), 0);
      // Lines a stage says about what it did not do ("live: the real-tenant run was not done: ..."), for the summary.
      const notes = [...plain.matchAll(new RegExp(`^${stage.name}: .* not (done|run).*$`, 'gm'))].map((m) => m[0]);
      const result = { name: stage.name, code, seconds, passed: count('passing'), failed: count('failing'), pending: count('pending'), notes };
      if (stage.counts && code !== 0 && result.failed === 0) {
        result.failed = 1; // a crash before mocha's summary still counts as a failure
      }
      if (stage.counts && code === 0 && result.passed === 0) {
        result.code = 1; // a stage that ran no test is not a pass
        console.log(`=== [${stage.name}] ran no test`);
      }
      console.log(`=== [${stage.name}] ${result.code === 0 ? 'ok' : 'FAILED'} in ${seconds} s`);
      resolve(result);
    });
  });
}

async function main() {
  const only = process.argv.slice(2);
  const unknown = only.filter((name) => !stages.some((s) => s.name === name));
  if (unknown.length > 0) {
    console.error(`unknown stage(s): ${unknown.join(', ')}; stages: ${stages.map((s) => s.name).join(', ')}`);
    process.exit(2);
  }
  const results = [];
  for (const stage of stages) {
    if (only.length > 0 && !stage.always && !only.includes(stage.name)) {
      continue;
    }
    const result = await run(stage);
    results.push(result);
    if (stage.always && result.code !== 0) {
      break; // nothing below can run without compiled output
    }
  }
  console.log('\n=== summary');
  for (const r of results) {
    const counts = r.passed || r.failed ? `  ${r.passed} passing, ${r.failed} failing${r.pending ? `, ${r.pending} pending` : ''}` : '';
    console.log(`${r.code === 0 ? 'ok    ' : 'FAILED'} ${r.name.padEnd(12)} ${r.seconds.padStart(6)} s${counts}`);
    r.notes.forEach((note) => console.log(`       ${note}`));
  }
  const passed = results.reduce((s, r) => s + r.passed, 0);
  const failed = results.reduce((s, r) => s + r.failed, 0) + results.filter((r) => r.code !== 0 && !r.failed).length;
  const pending = results.reduce((s, r) => s + r.pending, 0);
  console.log(`tests: ${passed} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}`);
  process.exit(results.every((r) => r.code === 0) ? 0 : 1);
}

main();
