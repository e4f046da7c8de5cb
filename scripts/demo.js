#!/usr/bin/env node
// `npm run demo`: the extension against a local, seeded Auth0 tenant (the emulator), in a fresh
// VS Code: desktop VS Code when a `code` command is on PATH, otherwise code-server from the test
// bed, opened in your own browser. It builds the extension and the emulator first, prints the
// one value to paste (the emulator's throwaway Management API token) and user ids worth looking
// at, and on Ctrl+C stops everything it started and removes its temporary folders.
//
//   npm run demo                      build, then start (emulator on 4010, code-server on 8080)
//   npm run demo -- --no-build        skip esbuild and tsc (reuse dist/ and out/)
//   npm run demo -- --code-server     use code-server even when `code` is on PATH
//   npm run demo -- --emulator-port 4011 --port 8081
//   npm run demo -- --plan without-refresh-tokens --early-access absent --log-retention-days 1
//                                     --clock-offset -600 --rate-limit 8/0.01: any flag of the
//                                     emulator's CLI sets up the tenant's profile, so each ✓/⚠/✗
//                                     of "Auth0: Check Tenant Setup…" can be seen
const { execFileSync, spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const TENANT_LABEL = 'Demo tenant (emulator)';
const SEED = 1;

const DEMO_USAGE = `Usage: npm run demo -- [flags]
  --no-build            skip esbuild and tsc (reuse dist/ and out/)
  --code-server         use code-server even when a \`code\` command is on PATH
  --emulator-port N     the emulator's port (default 4010)
  --port N              code-server's port (default 8080)
  and any tenant profile flag of the emulator (npm run emulator -- --help), such as
  --plan without-refresh-tokens --early-access absent --log-retention-days 1 --clock-offset -600`;

function parseArgs(argv) {
  const options = { build: true, forceCodeServer: false, emulatorPort: 4010, port: 8080, emulatorArgs: [] };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const number = () => {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 0 || value > 65535) {
        throw new Error(`${flag} needs a port number`);
      }
      return value;
    };
    if (flag === '--help' || flag === '-h') {
      options.help = true;
    } else if (flag === '--no-build') {
      options.build = false;
    } else if (flag === '--code-server') {
      options.forceCodeServer = true;
    } else if (flag === '--emulator-port') {
      options.emulatorPort = number();
    } else if (flag === '--port') {
      options.port = number();
    } else if (flag.startsWith('--') && i + 1 < argv.length) {
      // A tenant profile flag of the emulator's CLI (test/emulator/cliOptions.ts checks it after the build).
      options.emulatorArgs.push(flag, argv[++i]);
    } else {
      throw new Error(`unknown option ${flag} (--help lists the options)`);
    }
  }
  return options;
}

function step(text) {
  console.log(`[demo] ${text}`);
}

/** Runs a build step with its output shown; answers its exit code. */
function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  return result.status ?? 1;
}

function build() {
  // On a fresh machine: Debian packages, npm ci and code-server, only what is missing.
  if (run('bash', [path.join('scripts', 'prerequisites.sh')]) !== 0) {
    throw new Error('installing the prerequisites failed (see above)');
  }
  step('bundling the extension (node esbuild.js)');
  if (run(process.execPath, ['esbuild.js']) !== 0) {
    throw new Error('esbuild failed: the extension cannot be loaded');
  }
  step('compiling the emulator and the test bed (tsc -p .; about a minute)');
  if (run(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', '.']) !== 0) {
    // tsc still writes out/ when types fail elsewhere in the tree; only stop if ours is missing.
    step('tsc reported type errors (see above); carrying on with what it compiled');
  }
  for (const file of ['out/test/emulator/index.js', 'out/test/testbed/codeServer.js']) {
    if (!fs.existsSync(path.join(root, file))) {
      throw new Error(`${file} is missing after tsc`);
    }
  }
}

/** Whether 127.0.0.1:port can be listened on right now. */
function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function startDemoEmulator(port, emulatorArgs) {
  const { startEmulator } = require(path.join(root, 'out', 'test', 'emulator'));
  const { parseEmulatorArgs } = require(path.join(root, 'out', 'test', 'emulator', 'cliOptions'));
  const profile = parseEmulatorArgs(emulatorArgs);
  try {
    return await startEmulator({ liveLog: true, ...profile, port, seed: SEED });
  } catch (error) {
    if (error && error.code === 'EADDRINUSE' && port !== 0) {
      step(`port ${port} is taken; the emulator takes a free one`);
      return startEmulator({ liveLog: true, ...profile, port: 0, seed: SEED });
    }
    throw error;
  }
}

function codeOnPath() {
  try {
    const command = process.platform === 'win32' ? 'where code' : 'command -v code';
    return execFileSync(process.platform === 'win32' ? 'cmd' : 'sh', process.platform === 'win32' ? ['/c', command] : ['-c', command], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .trim()
      .split(/\r?\n/)[0];
  } catch {
    return undefined;
  }
}

function writeUserSettings(userDataDir, settings) {
  const file = path.join(userDataDir, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const current = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  fs.writeFileSync(file, JSON.stringify({ ...current, ...settings }, null, 2));
}

/** Pids of processes whose command line mentions `marker` (our unique temp folder). */
function pidsMentioning(marker) {
  if (process.platform === 'win32') {
    return [];
  }
  try {
    return execFileSync('ps', ['-axo', 'pid=,args='], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes(marker))
      .map((line) => Number(line.trim().split(/\s+/)[0]))
      .filter((pid) => Number.isInteger(pid) && pid !== process.pid);
  } catch {
    return [];
  }
}

/** Desktop VS Code on a fresh profile; closing its window ends the demo too. */
function startDesktop(code, runDir, folder, settings, onExit) {
  const userDataDir = path.join(runDir, 'user-data');
  const extensionsDir = path.join(runDir, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });
  writeUserSettings(userDataDir, settings);
  const child = spawn(
    code,
    [
      `--extensionDevelopmentPath=${root}`,
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--new-window',
      '--wait',
      folder,
    ],
    { stdio: 'inherit', detached: process.platform !== 'win32', shell: process.platform === 'win32' },
  );
  child.once('exit', onExit);
  return {
    stop: async () => {
      // `code` hands the window to an Electron process of its own; both carry our user-data dir.
      const pids = new Set([...(child.exitCode === null ? [child.pid] : []), ...pidsMentioning(runDir)]);
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          /* already gone */
        }
      }
    },
  };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.help) {
    console.log(DEMO_USAGE);
    return;
  }
  if (options.build) {
    build();
  }
  const cleanups = [];
  let stopping = false;
  const stopAll = async (code) => {
    if (stopping) {
      return;
    }
    stopping = true;
    step('stopping…');
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error(`[demo] while stopping: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    step('stopped; nothing left running');
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => void stopAll(0));
  }

  try {
    const emulator = await startDemoEmulator(options.emulatorPort, options.emulatorArgs);
    cleanups.push(() => emulator.close());
    step(`emulator: ${emulator.url} (seed ${SEED})`);

    const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'auth0-inspector-demo-'));
    cleanups.push(() => fs.rmSync(runDir, { recursive: true, force: true }));
    const folder = path.join(runDir, 'workspace');
    fs.mkdirSync(folder);
    const settings = {
      'auth0TokenInspector.tenants': [{ domain: emulator.domain, label: TENANT_LABEL }],
      'workbench.startupEditor': 'none',
    };

    const code = options.forceCodeServer ? undefined : codeOnPath();
    let where;
    if (code) {
      step(`starting desktop VS Code (${code}) with the extension in development mode`);
      const desktop = startDesktop(code, runDir, folder, settings, () => {
        step('the VS Code window was closed');
        void stopAll(0);
      });
      cleanups.push(() => desktop.stop());
      where = 'In the VS Code window that opened:';
    } else {
      const { startCodeServer, workbenchUrl, freePort, repoRoot } = require(path.join(root, 'out', 'test', 'testbed', 'codeServer'));
      let port = options.port;
      if (!(await portIsFree(port))) {
        const free = await freePort();
        step(`port ${port} is taken; code-server takes ${free}`);
        port = free;
      }
      step('starting code-server (VS Code in the browser; installed into ~/.cache on first use)');
      const server = await startCodeServer({ folder, port });
      cleanups.push(() => server.stop());
      writeUserSettings(server.userDataDir, settings);
      const url = workbenchUrl(server, { folder, extensionDevelopmentPath: repoRoot });
      where = `Open this URL in a browser (on this machine; code-server runs without a password on 127.0.0.1):\n\n  ${url}\n\nThen:`;
    }

    const line = '-'.repeat(78);
    console.log(`
${line}
Auth0 Refresh Token Inspector: demo against the emulator (${emulator.url})

${where}
  1. Click the Auth0 icon in the activity bar. The tenant "${TENANT_LABEL}" is configured.
  2. Under it, click "Set a Management API token…" and paste this value, then press Enter
     (the emulator's throwaway full-scope token; it works only against this emulator):

  ${emulator.token}

  3. Users load (50 a page). Expand a user to see their refresh tokens; click a token
     for its details. To go to a particular user, click the Search button (magnifier)
     in the view's title and paste one of these ids:

     ${emulator.users.many}   250 refresh tokens (pages of 50: "Load more…")
     ${emulator.users.huge}   5,000 refresh tokens
     ${emulator.users.seven}   7 refresh tokens

  4. Findings (the detections Auth0 publishes for stolen refresh tokens), in four stories:

     ${emulator.scenarios.stolenLaptop}   a laptop's token stolen: issued to Safari on macOS at a home
         ISP, exchanged since by a script from four hosting networks within a day
     ${emulator.scenarios.reuse}   a rotated refresh token presented again ("reuse detected"); the
         token issued after it in the same session shows it in its History, unflagged
     ${emulator.scenarios.outlivedSession}   a token still used after its session ended
     ${emulator.scenarios.browserUpdated}   healthy: the browser only updated (nothing flagged)

     Search one of these users (magnifier) and expand it: the flagged token shows its most
     severe finding; click it for the Findings, Session and History sections. ${stolenTokenLine(emulator)}

     The funnel button in the view's title shows flagged tokens only.

  5. Right-click the tenant > "Check Tenant Setup…" for its report. A token with the read
     scopes only, to see the report's warnings (use "Set Management API Token…" again):

  ${emulator.readOnlyToken}

  6. Right-click the tenant > "Watch Tenant…" > "Every user" > Enter (no watch list, or type
     203.0.113.0/24) > "From now". A few seconds later the stolen
     laptop's token is exchanged from Bucharest by another TLS client: the feed and a
     notification say so (impossible travel, the client changed). "Contain User…" revokes it;
     the attacker's next try shows as a revoked token used again.

Press Ctrl+C here to stop the emulator and VS Code and remove the temporary folders.
${line}
`);
    console.log('DEMO_READY');
  } catch (error) {
    console.error(`[demo] ${error instanceof Error ? error.message : String(error)}`);
    await stopAll(1);
  }
}

/**
 * The stolen laptop's token by its id (the emulator names it in every profile: the hostile one
 * rewrites the tokens' user agents, and the attacker's exchanges move the token's last one).
 */
function stolenTokenLine(emulator) {
  const id = emulator.liveLog && emulator.liveLog.stolenTokenId;
  return id
    ? `Or run\n     "Auth0: Open Refresh Token by ID…" (F1) with the stolen token's id:\n\n     ${id}\n`
    : '(This tenant profile has no stolen-laptop token to open by id.)\n';
}

main().catch((error) => {
  console.error(`[demo] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
