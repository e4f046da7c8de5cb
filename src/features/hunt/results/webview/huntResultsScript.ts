// The hunt results view's only script, bundled by esbuild into media/huntResults.js and allowed
// by the CSP nonce. It filters (the `hidden` attribute), sorts (moving rows), keeps the selection,
// and posts what the person asks for to the extension. It never builds markup: every value it
// reads is an escaped data-* attribute, and every change is textContent, an attribute or a class.
import {
  decodeKey, isHuntResultsUpdate, isHuntResultsViewState, SORT_KEYS, type HuntResultsRequest, type HuntResultsUpdate, type HuntResultsViewState,
  type SortKey,
} from '../protocol';
import { vscodeApi } from '../../../../webview/vscodeApi';

const vscode = vscodeApi<HuntResultsRequest, HuntResultsViewState>();
const main = document.querySelector<HTMLElement>('main.hunt-results');
const table = document.querySelector<HTMLTableElement>('table.results');
const filterInput = document.querySelector<HTMLInputElement>('[data-field="filter"]');
const countsLabel = document.querySelector('[data-field="counts"]');
const selectionLabel = document.querySelector('[data-field="selection"]');
const revokeButton = document.querySelector<HTMLButtonElement>('[data-action="revoke-selected"]');
const huntId = main?.getAttribute('data-hunt-id') ?? '';

const previous = vscode.getState();
const state: HuntResultsViewState = isHuntResultsViewState(previous) && previous.huntId === huntId ? previous : { huntId };
const selected = new Set<string>(state.selected ?? []);

const groups = (): HTMLTableSectionElement[] => Array.from(table?.querySelectorAll<HTMLTableSectionElement>('tbody.group') ?? []);
const tokenRows = (root: ParentNode = document): HTMLTableRowElement[] => Array.from(root.querySelectorAll<HTMLTableRowElement>('tr.token'));
const tokenIdOf = (element: Element): string => decodeKey(element.getAttribute('data-token-key') ?? '') ?? '';
const userIdOf = (element: Element): string => decodeKey(element.getAttribute('data-user-key') ?? '') ?? '';
/** Tokens already on their way out cannot be selected again. */
const selectable = (row: Element): boolean => !['revoking', 'pending', 'revoked'].includes(row.getAttribute('data-state') ?? '');

function save(): void {
  vscode.setState({ ...state, selected: [...selected], scrollY: window.scrollY });
}

function updateSelection(): void {
  for (const row of tokenRows()) {
    const box = row.querySelector<HTMLInputElement>('input.select-token');
    if (box) {
      const allowed = selectable(row);
      if (!allowed) {
        selected.delete(tokenIdOf(row));
      }
      box.disabled = !allowed;
      box.checked = selected.has(tokenIdOf(row));
    }
  }
  for (const group of groups()) {
    const box = group.querySelector<HTMLInputElement>('input.select-group');
    const rows = tokenRows(group).filter(selectable);
    if (box) {
      const chosen = rows.filter((row) => selected.has(tokenIdOf(row))).length;
      box.checked = rows.length > 0 && chosen === rows.length;
      box.indeterminate = chosen > 0 && chosen < rows.length;
      box.disabled = rows.length === 0;
    }
  }
  if (selectionLabel) {
    selectionLabel.textContent = selected.size === 0 ? 'none selected' : `${selected.size.toLocaleString('en-US')} selected`;
  }
  if (revokeButton) {
    revokeButton.disabled = selected.size === 0;
  }
  save();
}

function applyFilter(): void {
  const needle = (state.filter ?? '').trim().toLowerCase();
  let shown = 0;
  let total = 0;
  for (const group of groups()) {
    let groupShown = 0;
    for (const row of tokenRows(group)) {
      total++;
      const match = needle === '' || (row.getAttribute('data-search') ?? '').includes(needle);
      row.hidden = !match;
      groupShown += match ? 1 : 0;
    }
    group.hidden = groupShown === 0;
    shown += groupShown;
  }
  if (countsLabel) {
    countsLabel.textContent = needle === '' ? (countsLabel.getAttribute('data-total') ?? '') : `${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} shown`;
  }
  save();
}

const NUMERIC: ReadonlySet<SortKey> = new Set<SortKey>(['created', 'lastUsed', 'findings', 'status']);

function sortValue(row: Element, key: SortKey): string {
  return row.getAttribute(`data-sort-${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`) ?? '';
}

/** Missing values last in both directions; numbers as numbers, text by the person's collation. */
function compareRows(a: Element, b: Element, key: SortKey, sign: number): number {
  const left = sortValue(a, key);
  const right = sortValue(b, key);
  if (left === '' || right === '') {
    return left === right ? 0 : left === '' ? 1 : -1;
  }
  const order = NUMERIC.has(key) ? Number(left) - Number(right) : left.localeCompare(right, undefined, { numeric: true });
  return sign * order;
}

function applySort(): void {
  const key = state.sortKey as SortKey | undefined;
  if (!key || !table) {
    return;
  }
  const sign = state.sortDirection === 'descending' ? -1 : 1;
  const bodies = groups();
  for (const group of bodies) {
    const rows = tokenRows(group);
    rows.sort((a, b) => compareRows(a, b, key, sign)).forEach((row) => group.appendChild(row));
  }
  // Groups follow their best row; equal ones keep the hunt's order (most tokens first).
  const firstRow = (group: HTMLTableSectionElement) => group.querySelector('tr.token');
  bodies
    .map((group, index) => ({ group, index }))
    .sort((a, b) => {
      const left = firstRow(a.group);
      const right = firstRow(b.group);
      return (left && right ? compareRows(left, right, key, sign) : 0) || a.index - b.index;
    })
    .forEach(({ group }) => table.appendChild(group));
  for (const header of Array.from(table.querySelectorAll('th[data-column]'))) {
    header.setAttribute('aria-sort', header.getAttribute('data-column') === key ? (state.sortDirection ?? 'ascending') : 'none');
  }
  save();
}

function shownTokenIds(): string[] {
  return tokenRows().filter((row) => !row.hidden).map(tokenIdOf);
}

function post(message: HuntResultsRequest): void {
  vscode.postMessage(message);
}

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  if (!target) {
    return;
  }
  const sortButton = target.closest('button[data-sort]');
  if (sortButton) {
    const key = SORT_KEYS.find((known) => known === sortButton.getAttribute('data-sort'));
    if (key) {
      state.sortDirection = state.sortKey === key && state.sortDirection !== 'descending' ? 'descending' : 'ascending';
      state.sortKey = key;
      applySort();
    }
    return;
  }
  if (target.closest('input')) {
    return; // checkboxes and the filter: their own events
  }
  const button = target.closest<HTMLButtonElement>('button[data-action]');
  const action = button?.getAttribute('data-action');
  if (button && !button.disabled) {
    switch (action) {
      case 'open-token':
        post({ type: 'open-token', tokenId: tokenIdOf(button) });
        return;
      case 'contain-user':
        post({ type: 'contain-user', userId: userIdOf(button) });
        return;
      case 'revoke-selected':
        post({ type: 'revoke-selected', tokenIds: [...selected] });
        return;
      case 'export-csv':
      case 'export-json':
        post({ type: 'export', format: action === 'export-csv' ? 'csv' : 'json', all: (state.filter ?? '').trim() === '', tokenIds: shownTokenIds() });
        return;
      case 'cancel-hunt':
        button.disabled = true;
        post({ type: 'cancel-hunt' });
        return;
      case 'select-shown':
        tokenRows().filter((row) => !row.hidden && selectable(row)).forEach((row) => selected.add(tokenIdOf(row)));
        updateSelection();
        return;
      case 'clear-selection':
        selected.clear();
        updateSelection();
        return;
    }
    return;
  }
  // A click anywhere else on a token's row opens its details, as the tree does.
  const row = target.closest('tr.token');
  if (row) {
    post({ type: 'open-token', tokenId: tokenIdOf(row) });
  }
});

document.addEventListener('change', (event) => {
  const box = event.target instanceof HTMLInputElement ? event.target : null;
  if (!box || box.type !== 'checkbox') {
    return;
  }
  if (box.classList.contains('select-token')) {
    const id = tokenIdOf(box);
    if (box.checked) {
      selected.add(id);
    } else {
      selected.delete(id);
    }
  } else if (box.classList.contains('select-group')) {
    const group = box.closest('tbody.group');
    for (const row of group ? tokenRows(group) : []) {
      if (!row.hidden && selectable(row)) {
        if (box.checked) {
          selected.add(tokenIdOf(row));
        } else {
          selected.delete(tokenIdOf(row));
        }
      }
    }
  }
  updateSelection();
});

filterInput?.addEventListener('input', () => {
  state.filter = filterInput.value;
  applyFilter();
});
filterInput?.addEventListener('focus', () => {
  state.filterFocused = true;
  save();
});
filterInput?.addEventListener('blur', () => {
  state.filterFocused = false;
  save();
});

function applyUpdate(update: HuntResultsUpdate): void {
  switch (update.type) {
    case 'progress': {
      const progress = document.querySelector('[data-field="progress"]');
      if (progress) {
        progress.textContent = update.text;
      }
      main?.setAttribute('data-state', update.state);
      const cancel = document.querySelector<HTMLButtonElement>('[data-action="cancel-hunt"]');
      if (cancel && update.state !== 'running') {
        cancel.hidden = true;
      }
      break;
    }
    case 'statuses': {
      for (const status of update.statuses) {
        const row = tokenRows().find((candidate) => tokenIdOf(candidate) === status.tokenId);
        if (!row) {
          continue;
        }
        row.setAttribute('data-state', status.state);
        const label = row.querySelector('[data-field="status"]');
        if (label) {
          label.textContent = status.label;
        }
        const reason = row.querySelector('[data-field="status-reason"]');
        if (reason) {
          reason.textContent = status.reason ?? '';
        }
      }
      updateSelection();
      break;
    }
    case 'notice': {
      const notice = document.querySelector('[data-field="notice"]');
      if (notice) {
        notice.textContent = update.text;
      }
      break;
    }
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isHuntResultsUpdate(event.data)) {
    applyUpdate(event.data);
  }
});

let scrollPending = false;
window.addEventListener('scroll', () => {
  if (!scrollPending) {
    scrollPending = true;
    window.requestAnimationFrame(() => {
      scrollPending = false;
      save();
    });
  }
});

// The extension redraws the page when matches arrive: the person's filter, sort, selection and
// scroll position come back as they were.
if (filterInput && state.filter) {
  filterInput.value = state.filter;
}
if (filterInput && state.filterFocused) {
  filterInput.focus();
  filterInput.setSelectionRange(filterInput.value.length, filterInput.value.length);
}
applySort();
applyFilter();
updateSelection();
if (state.scrollY !== undefined) {
  window.scrollTo(0, state.scrollY);
}
