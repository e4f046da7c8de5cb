// The watch feed's only script, bundled by esbuild into media/watchFeed.js and allowed by the CSP
// nonce. It filters the alerts (the `hidden` attribute, by the indexes the renderer wrote), keeps
// the filters across redraws, updates the status line in place, brings the alert a notification's
// "Open" named into view (once per Open: a later redraw leaves the person's scroll alone), and
// posts what the person asks for. It never builds markup: every change is textContent or an attribute.
import { isWatchFeedUpdate, isWatchFeedViewState, type WatchFeedRequest, type WatchFeedViewState } from '../protocol';
import { vscodeApi } from '../../../../webview/vscodeApi';

const vscode = vscodeApi<WatchFeedRequest, WatchFeedViewState>();
const previous = vscode.getState();
const state: WatchFeedViewState = isWatchFeedViewState(previous) ? previous : {};
const FILTERS = ['severity', 'user', 'application'] as const;

function select(name: (typeof FILTERS)[number]): HTMLSelectElement | null {
  return document.querySelector<HTMLSelectElement>(`select[data-filter="${name}"]`);
}

function applyFilters(): void {
  const wanted = FILTERS.map((name) => [name, select(name)?.value ?? ''] as const).filter(([, value]) => value !== '');
  let shown = 0;
  const rows = Array.from(document.querySelectorAll<HTMLElement>('li.alert'));
  for (const row of rows) {
    const visible = wanted.every(([name, value]) => row.getAttribute(`data-${name}`) === value);
    row.hidden = !visible;
    shown += visible ? 1 : 0;
  }
  const empty = document.querySelector<HTMLElement>('[data-field="filtered-empty"]');
  if (empty) {
    empty.hidden = rows.length === 0 || shown > 0;
  }
}

for (const name of FILTERS) {
  const element = select(name);
  if (!element) {
    continue;
  }
  const saved = state[name];
  if (saved !== undefined && Array.from(element.options).some((option) => option.value === saved)) {
    element.value = saved;
  }
  element.addEventListener('change', () => {
    state[name] = element.value;
    vscode.setState(state);
    applyFilters();
  });
}
applyFilters();

/** The row the redraw names (data-focus-index): scrolled into view and given the keyboard focus, filters cleared if they hide it. */
function focusNamedAlert(): void {
  const main = document.querySelector<HTMLElement>('main');
  const index = main?.getAttribute('data-focus-index');
  const request = main?.getAttribute('data-focus-request') ?? undefined;
  if (index === null || index === undefined || request === undefined || request === state.focusRequest) {
    return;
  }
  const row = document.querySelector<HTMLElement>(`li.alert[data-index="${Number(index)}"]`);
  if (!row) {
    return;
  }
  if (row.hidden) {
    for (const name of FILTERS) {
      const element = select(name);
      if (element) {
        element.value = '';
      }
      state[name] = '';
    }
    applyFilters();
  }
  state.focusRequest = request;
  vscode.setState(state);
  row.scrollIntoView({ block: 'center' });
  row.focus({ preventScroll: true });
}
focusNamedAlert();

document.addEventListener('click', (event) => {
  const button = (event.target as Element | null)?.closest<HTMLElement>('[data-action]');
  const action = button?.getAttribute('data-action');
  const index = Number(button?.getAttribute('data-index'));
  switch (action) {
    case 'open-tokens':
    case 'reveal-user':
    case 'contain-user':
    case 'revoke-session':
      vscode.postMessage({ type: action, index });
      break;
    case 'export':
    case 'stop':
      vscode.postMessage({ type: action });
      break;
  }
});

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const update = event.data;
  if (!isWatchFeedUpdate(update)) {
    return;
  }
  if (update.type === 'status') {
    const status = document.querySelector('[data-field="status"]');
    if (status) {
      status.textContent = update.text;
    }
    if (!update.running) {
      document.querySelector('[data-action="stop"]')?.setAttribute('hidden', '');
    }
  } else {
    const notice = document.querySelector<HTMLElement>('[data-field="notice"]');
    if (notice) {
      notice.textContent = update.text;
      notice.hidden = false;
    }
  }
});
