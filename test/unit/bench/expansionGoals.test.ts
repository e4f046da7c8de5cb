// The bench's verdict on "requests per user expansion" (issue 18, section 7): a single 429, a
// session read twice, a session beyond the bound or a request of another kind fails the goal, and
// the table marks a run with 429s FAILED. The counts themselves are held by userExpansion.test.ts.
import assert from 'node:assert/strict';
import { SESSIONS_PER_USER } from '../../../src/model/tokenEvidence';
import { evaluateGoals, renderMarkdown } from '../../../bench/report';
import type { BenchReport, ExpansionRun } from '../../../bench/results';

/** A run as measured on the stand-in (53 requests, no 429), changed by `fields`. */
function run(fields: Partial<ExpansionRun> = {}): ExpansionRun {
  return {
    profile: 'non-production',
    burst: 10,
    perSecond: 2,
    resetReading: 'next',
    tokens: 1234,
    tokensListed: 1234,
    take: 50,
    floorRequests: 25,
    requests: 53,
    pages: 25,
    sessions: SESSIONS_PER_USER,
    distinctSessions: SESSIONS_PER_USER,
    logPages: 1,
    applicationNames: 7,
    other: 0,
    rateLimited: 0,
    notOk: 0,
    failures: 0,
    errors: [],
    pagesMs: 13_000,
    settledMs: 26_000,
    ...fields,
  };
}

function reportOf(runs: ExpansionRun[]): Omit<BenchReport, 'goals'> {
  return {
    mode: 'quick',
    rounds: 1,
    machine: { cpuModel: 'test', cores: 2, loadAverageAtStart: [0, 0, 0], totalMemoryGb: 1, platform: 'test', node: 'v20', auth0Sdk: 'n/a', date: '2026-12-07T00:00:00Z' },
    workloads: [],
    userExpansion: { id: 'user-expansion', title: 'Requests per user expansion', description: '', runs },
    durationSeconds: 1,
    errors: [],
  };
}

const verdicts = (runs: ExpansionRun[]) => {
  const goals = evaluateGoals(reportOf(runs));
  const met = (id: string) => goals.find((goal) => goal.id === id)?.met;
  return { noRateLimited: met('user-expansion-429'), withinBound: met('user-expansion-requests') };
};

const CASES: { name: string; runs: ExpansionRun[]; expected: { noRateLimited: boolean; withinBound: boolean } }[] = [
  { name: 'four clean runs', runs: [run(), run({ resetReading: 'full' }), run({ profile: 'production', burst: 50, perSecond: 16 }), run({ profile: 'production', resetReading: 'full' })], expected: { noRateLimited: true, withinBound: true } },
  { name: 'one 429 in one run of four', runs: [run(), run({ rateLimited: 1, requests: 54, pages: 26 })], expected: { noRateLimited: false, withinBound: false } },
  { name: 'a 429 answered to a session read', runs: [run({ rateLimited: 1, requests: 54, sessions: SESSIONS_PER_USER + 1 })], expected: { noRateLimited: false, withinBound: false } },
  { name: 'a token not listed (a page failed)', runs: [run({ tokensListed: 1200, failures: 1 })], expected: { noRateLimited: false, withinBound: true } },
  { name: 'one session beyond the bound', runs: [run({ sessions: SESSIONS_PER_USER + 1, distinctSessions: SESSIONS_PER_USER + 1, requests: 54 })], expected: { noRateLimited: true, withinBound: false } },
  { name: 'a session read twice', runs: [run({ distinctSessions: SESSIONS_PER_USER - 1 })], expected: { noRateLimited: true, withinBound: false } },
  { name: 'a second page of log events', runs: [run({ logPages: 2, requests: 54 })], expected: { noRateLimited: true, withinBound: false } },
  { name: 'a request of another kind', runs: [run({ other: 1, requests: 54 })], expected: { noRateLimited: true, withinBound: false } },
  { name: 'an empty page after the last', runs: [run({ pages: 26, requests: 54 })], expected: { noRateLimited: true, withinBound: false } },
];

describe('bench: goals of the requests per user expansion', () => {
  for (const testCase of CASES) {
    it(testCase.name, () => {
      assert.deepEqual(verdicts(testCase.runs), testCase.expected);
    });
  }

  it('not measured: no verdict', () => {
    const goals = evaluateGoals({ ...reportOf([]), userExpansion: undefined });
    assert.deepEqual(
      goals.filter((goal) => goal.id.startsWith('user-expansion')).map((goal) => goal.met),
      [undefined, undefined],
    );
  });

  it('the table marks a run answered 429 FAILED, and the goal names it', () => {
    const report = reportOf([run(), run({ profile: 'production', resetReading: 'full', rateLimited: 3 })]);
    const goals = evaluateGoals(report);
    const markdown = renderMarkdown({ ...report, goals });
    assert.match(markdown, /\| \*\*FAILED: 3\*\* \|/);
    assert.equal(markdown.match(/FAILED: 3\*\*/g)?.length, 1, 'only the run with 429s');
    assert.match(goals.find((goal) => goal.id === 'user-expansion-429')?.measured ?? '', /FAILED: production\/full 3/);
  });
});
