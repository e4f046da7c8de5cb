// The demo scenarios judged end to end: tokens and log events fetched from the emulator over
// HTTP with the Management API client, then analysed as the extension does. Each story must
// produce the findings it tells, and nothing it does not.

import * as assert from 'node:assert/strict';
import type { RefreshToken } from '../../../src/auth0/types';
import { analyzeUserTokens, type TokenAnalysis } from '../../../src/findings/analyzeToken';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { clientFor } from '../auth0/support';

describe('findings of the emulator\'s demo scenarios', () => {
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ seed: 20 });
  });
  after(() => emulator.close());

  async function analyse(userId: string): Promise<{ tokens: RefreshToken[]; analyses: Map<string, TokenAnalysis> }> {
    const { client } = clientFor(emulator);
    const { tokens } = await client.listRefreshTokens(userId, { take: 100 });
    const { logs } = await client.listUserLogs(userId, { perPage: 100 });
    return { tokens, analyses: analyzeUserTokens(tokens, { events: logs, now: new Date() }) };
  }

  it('reuse: the token issued after the reuse is not flagged for it, and its History shows the reuse as earlier', async () => {
    const { tokens, analyses } = await analyse(emulator.scenarios.reuse);
    assert.equal(tokens.length, 1);
    const analysis = analyses.get(tokens[0].id)!;
    assert.deepEqual(analysis.findings.map((finding) => finding.kind), []);
    const reuse = analysis.history?.filter((tokenEvent) => tokenEvent.event.type === 'ferrt') ?? [];
    assert.equal(reuse.length, 1, 'the session\'s reuse stays in the History');
    assert.equal(reuse[0].earlier, true);
    assert.ok(analysis.history?.some((tokenEvent) => tokenEvent.event.type === 'sertft' && !tokenEvent.earlier), 'its own exchanges are counted');
  });

  it('stolenLaptop: the stolen token is flagged for many networks and a changed device', async () => {
    const { tokens, analyses } = await analyse(emulator.scenarios.stolenLaptop);
    const stolen = tokens.find((token) => token.device?.last_user_agent?.startsWith('python-requests'))!;
    const kinds = analyses.get(stolen.id)!.findings.map((finding) => finding.kind);
    assert.ok(kinds.includes('many-networks') && kinds.includes('device-changed'), kinds.join(', '));
    assert.ok(!kinds.includes('reuse-detected'));
  });

  it('browserUpdated: nothing above info', async () => {
    const { tokens, analyses } = await analyse(emulator.scenarios.browserUpdated);
    assert.equal(tokens.length, 2);
    for (const token of tokens) {
      assert.deepEqual(analyses.get(token.id)!.findings.filter((finding) => finding.severity !== 'info').map((finding) => finding.kind), []);
    }
  });
});
