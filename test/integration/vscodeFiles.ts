// Where VS Code keeps what the extension wrote: its user data folder, and the output channel's
// log file, read the way a person would find it.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXTENSION_ID } from './harness';


/**
 * The user data folder of the VS Code running the tests. code-server passes its IPC socket,
 * which lives in that folder, to the extension host; desktop runs use runTests()'s default.
 */
export function userDataDir(): string {
  const socket = process.env.CODE_SERVER_SESSION_SOCKET;
  if (socket) {
    return path.dirname(socket);
  }
  return path.join(process.env.VSCODE_CWD ?? process.cwd(), '.vscode-test', 'user-data');
}

export function filesUnder(directory: string): string[] {
  const files: string[] = [];
  const visit = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        visit(full);
      } else if (entry.isFile()) {
        files.push(full);
      }
    }
  };
  if (fs.existsSync(directory)) {
    visit(directory);
  }
  return files;
}

/** The "Auth0 Token Inspector" output channel's file: <logs>/<session>/exthost*\/<extension id>/. */
export function extensionLogFile(): string {
  const candidates = filesUnder(path.join(userDataDir(), 'logs'))
    .filter((file) => path.basename(file) === 'Auth0 Token Inspector.log' && file.split(path.sep).includes(EXTENSION_ID))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  assert.ok(candidates.length > 0, `no "Auth0 Token Inspector.log" under ${path.join(userDataDir(), 'logs')}`);
  return candidates[0];
}

/** Resolves with the file's text once `ready` holds for it: VS Code writes logs asynchronously. */
export function whenFileSays(file: string, ready: (text: string) => boolean): Promise<string> {
  return new Promise((resolve) => {
    let done = false;
    const check = () => {
      const text = fs.readFileSync(file, 'utf8');
      if (!done && ready(text)) {
        done = true;
        watcher.close();
        resolve(text);
      }
    };
    const watcher = fs.watch(file, check);
    check();
  });
}
