// The refresh token details view's only script, bundled by esbuild into media/details.js and
// allowed by the CSP nonce. It posts button presses to the extension and shows the extension's
// answers. It never builds markup: every change is textContent, a class or the disabled flag,
// so nothing the extension sends can become HTML.
import { DETAILS_LOCAL_ACTIONS, DETAILS_REQUEST_TYPES, isDetailsViewState, isDetailsViewUpdate, type DetailsViewRequest, type DetailsViewState, type DetailsViewUpdate } from '../protocol';
import { vscodeApi } from '../../../../webview/vscodeApi';

const vscode = vscodeApi<DetailsViewRequest, DetailsViewState>();
const root = document.querySelector('[data-token-id], main');
const banner = document.querySelector('[data-field="status"]');
const bannerLabel = document.querySelector('[data-field="status-label"]');
const bannerDescription = document.querySelector('[data-field="status-description"]');
const feedback = document.querySelector('[data-field="action-feedback"]');
const revokeButton = document.querySelector<HTMLButtonElement>('.toolbar [data-action="revoke-token"]');

// Kept so that a panel restored after a reload knows which token (and tenant) to show, and so
// that a redraw of the same token (its session or history arrived) keeps the scroll position.
const tokenId = root?.getAttribute('data-token-id');
const state: DetailsViewState | undefined = tokenId ? { tokenId } : undefined;
if (root && state) {
  const tenantId = root.getAttribute('data-tenant-id');
  if (tenantId) {
    state.tenantId = tenantId;
  }
  const previous = vscode.getState();
  if (isDetailsViewState(previous) && previous.tokenId === state.tokenId && previous.scrollY !== undefined) {
    window.scrollTo(0, previous.scrollY);
  }
  vscode.setState(state);
  let pending = false;
  window.addEventListener('scroll', () => {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(() => {
        pending = false;
        vscode.setState({ ...state, scrollY: window.scrollY });
      });
    }
  });
}

document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest<HTMLButtonElement>('button[data-action]') : null;
  if (!button || button.disabled) {
    return;
  }
  const name = button.getAttribute('data-action');
  const section = Object.entries(DETAILS_LOCAL_ACTIONS).find(([local]) => local === name)?.[1];
  if (section) {
    document.getElementById(section)?.scrollIntoView({ behavior: 'smooth' });
    return;
  }
  const action = DETAILS_REQUEST_TYPES.find((type) => type === name);
  if (action) {
    vscode.postMessage({ type: action });
  }
});

function showFeedback(text: string, failed: boolean): void {
  if (feedback) {
    feedback.textContent = text;
    feedback.classList.toggle('failed', failed);
  }
}

function setBanner(kind: string, label: string, description: string): void {
  if (!banner) {
    return;
  }
  banner.className = `banner status-${kind}`;
  if (bannerLabel) {
    bannerLabel.textContent = label;
  }
  if (bannerDescription) {
    bannerDescription.textContent = description;
  }
  root?.setAttribute('data-status', kind);
}

function setRevokeEnabled(enabled: boolean): void {
  if (revokeButton) {
    revokeButton.disabled = !enabled;
  }
}

function apply(update: DetailsViewUpdate): void {
  switch (update.type) {
    case 'revoked':
      setBanner('revoked', 'Revoked', 'just now · Auth0 removes it from the list in the background');
      setRevokeEnabled(false);
      showFeedback('Revoked.', false);
      break;
    case 'revoke-failed':
      setRevokeEnabled(true);
      showFeedback(`Revoke failed: ${update.message}`, true);
      break;
    case 'copied':
      showFeedback(update.what === 'id' ? 'Token id copied.' : 'JSON copied.', false);
      break;
    case 'error':
      showFeedback(update.message, true);
      break;
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isDetailsViewUpdate(event.data)) {
    apply(event.data);
  }
});
