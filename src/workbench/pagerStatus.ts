// The state of a paged listing in words, after its loaded items: loading, "load more", an error
// that names its cause and fix, empty, or capped at Auth0's 1,000 results. One presenter for
// every view that pages (the tree's trailing row and the Quick Pick's last item), so both say
// the same thing and offer the same fix.
import * as vscode from 'vscode';
import type { Pager } from '../paging/pager';
import { failureRow, type CredentialKind } from '../presentation/failureRowLoader';

export type PagerStatusKind = 'loading' | 'more' | 'error' | 'capped' | 'empty';

/** What choosing the status row does. */
export type PagerStatusFix = 'load-more' | 'retry' | 'set-credentials' | 'search' | 'none';

export interface PagerStatus {
  kind: PagerStatusKind;
  label: string;
  description?: string;
  tooltip?: string;
  fix: PagerStatusFix;
  /** The failure stems from the tenant's setup (scope or plan): also offer "Check Tenant Setup". */
  checkSetup?: boolean;
}

export interface PagerStatusLabels {
  /** "Load more users… (50 of 312)". */
  loadMore(loaded: number, total: number | undefined): string;
  empty: string;
  capped?: string;
  /** Which credentials the tenant uses, so a refusal names them. */
  credentialKind?: CredentialKind;
}

/** The status to show after the pager's items, or undefined when there is nothing to add. */
export function pagerStatus(pager: Pager<unknown, unknown>, labels: PagerStatusLabels): PagerStatus | undefined {
  const loaded = pager.items.length;
  switch (pager.state) {
    case 'loading':
      return { kind: 'loading', label: vscode.l10n.t('Loading…'), fix: 'none' };
    case 'failed': {
      const failure = failureRow(pager.error, labels.credentialKind);
      return {
        kind: 'error',
        label: failure.label,
        description: loaded > 0 ? vscode.l10n.t('{0} · {1} kept', failure.description, loaded) : failure.description,
        tooltip: failure.detail,
        fix: failure.fix,
        ...(failure.checkSetup ? { checkSetup: true } : {}),
      };
    }
    case 'capped':
      return {
        kind: 'capped',
        label: labels.capped ?? vscode.l10n.t('Only the first 1,000 can be listed'),
        description: vscode.l10n.t('search to find the others'),
        tooltip: vscode.l10n.t('Auth0 pages through only the first 1,000 results of a listing. Search by email, user id or a Lucene query to reach the others.'),
        fix: 'search',
      };
    case 'done':
      return loaded === 0 ? { kind: 'empty', label: labels.empty, fix: 'none' } : undefined;
    default:
      return pager.hasMore ? { kind: 'more', label: labels.loadMore(loaded, pager.total), fix: 'load-more' } : undefined;
  }
}

/** "Load more… (50 of 250 loaded)" when Auth0 sent the total, else "Load more… (50 loaded)". */
export function loadMoreTokensLabel(loaded: number, total: number | undefined): string {
  return total !== undefined && total > loaded
    ? vscode.l10n.t('Load more… ({0} of {1} loaded)', loaded.toLocaleString('en-US'), total.toLocaleString('en-US'))
    : vscode.l10n.t('Load more… ({0} loaded)', loaded);
}
