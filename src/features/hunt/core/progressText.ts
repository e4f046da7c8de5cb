// A hunt's progress in words, the same in the notification, the status bar and the results panel:
// "120 of 1,000 users · 14 tokens matched · about 3 min left".

import type { HuntProgress } from './huntRunner';

/** "about 3 min left", "about 1 h 20 min left", "under a minute left"; undefined when unknown. */
export function describeTimeLeft(remainingMs: number | undefined): string | undefined {
  if (remainingMs === undefined || !Number.isFinite(remainingMs)) {
    return undefined;
  }
  const minutes = Math.round(remainingMs / 60_000);
  if (minutes < 1) {
    return 'under a minute left';
  }
  if (minutes < 60) {
    return `about ${minutes} min left`;
  }
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `about ${hours} h${rest === 0 ? '' : ` ${rest} min`} left`;
}

const number = (n: number) => n.toLocaleString('en-US');

/** "120 of 1,000 users" (or "120 users" while the total is unknown). */
export function describeUsersDone(progress: HuntProgress): string {
  const done = progress.usersDone + progress.usersFailed;
  return progress.usersTotal === undefined ? `${number(done)} ${done === 1 ? 'user' : 'users'}` : `${number(done)} of ${number(progress.usersTotal)} users`;
}

/**
 * One line: users done (and failed), tokens matched, and while running the time left at this
 * run's pace; once ended, how it ended. `state` is the hunt's.
 */
export function describeHuntProgress(progress: HuntProgress, state: 'running' | 'completed' | 'cancelled' | 'stopped', cancelling = false): string {
  const parts = [
    describeUsersDone(progress),
    `${number(progress.tokensMatched)} ${progress.tokensMatched === 1 ? 'token' : 'tokens'} matched`,
    `${number(progress.tokensScanned)} read`,
  ];
  if (progress.usersFailed > 0) {
    parts.push(`${number(progress.usersFailed)} ${progress.usersFailed === 1 ? 'user' : 'users'} could not be read`);
  }
  if (state === 'running') {
    const left = cancelling ? 'cancelling: finishing the users being read' : describeTimeLeft(progress.remainingMs);
    if (left) {
      parts.push(left);
    }
    if (progress.notice) {
      parts.push(progress.notice);
    }
    return parts.join(' · ');
  }
  const ended = { completed: 'Completed', cancelled: 'Cancelled', stopped: 'Stopped' }[state];
  return `${ended}: ${parts.join(' · ')}`;
}
