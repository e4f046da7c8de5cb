import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECKPOINT_FORMAT, CheckpointError, type HuntCheckpoint } from '../../../../../src/features/hunt/core/checkpoint';
import { fileCheckpointStore } from '../../../../../src/features/hunt/core/fileCheckpointStore';

function checkpoint(huntId: string, usersDone: string[]): HuntCheckpoint {
  return {
    format: CHECKPOINT_FORMAT, version: 1, huntId, tenant: 'acme.eu.auth0.com', criteria: { deviceSide: 'either' },
    userSource: { kind: 'query', query: 'email:*' }, usersDone, failures: [], matches: [], tokensScanned: 0, state: 'running', startedAt: 1, savedAt: 2,
  };
}

describe('File checkpoint store', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'checkpoints-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('keeps the last hunt saved, replaces it whole, and leaves no temporary file', async () => {
    const store = fileCheckpointStore(join(folder, 'sub', 'hunt.json'));
    assert.equal(await store.latest(), undefined);
    await store.save(checkpoint('a', ['u1']));
    await store.save(checkpoint('a', ['u1', 'u2']));
    assert.deepEqual((await store.load('a'))?.usersDone, ['u1', 'u2']);
    assert.equal(await store.load('b'), undefined, 'another hunt is not this one');
    assert.deepEqual(readdirSync(join(folder, 'sub')), ['hunt.json']);
    await store.remove('b');
    assert.ok(await store.latest(), 'removing another hunt leaves this one');
    await store.remove('a');
    assert.equal(await store.latest(), undefined);
  });

  it('refuses a damaged file with a CheckpointError', async () => {
    const path = join(folder, 'hunt.json');
    writeFileSync(path, '{"format": "something else"');
    await assert.rejects(fileCheckpointStore(path).latest(), CheckpointError);
  });
});
