// The refresh token details view's only script, loaded by src and allowed by the CSP nonce.
// It posts button presses to the extension and shows the extension's answers. It never builds
// markup: every change is textContent, a class or the disabled flag, so nothing the extension
// sends can become HTML.
/* global acquireVsCodeApi, document, window */
(function () {
  'use strict';

  const vscode = acquireVsCodeApi();
  const root = document.querySelector('[data-token-id], main');
  const banner = document.querySelector('[data-field="status"]');
  const bannerLabel = document.querySelector('[data-field="status-label"]');
  const bannerDescription = document.querySelector('[data-field="status-description"]');
  const feedback = document.querySelector('[data-field="action-feedback"]');
  const revokeButton = document.querySelector('[data-action="revoke"]');

  // Kept so that a panel restored after a reload knows which token (and tenant) to show.
  const tokenId = root ? root.getAttribute('data-token-id') : null;
  if (tokenId) {
    const state = { tokenId: tokenId };
    const tenantId = root.getAttribute('data-tenant-id');
    if (tenantId) {
      state.tenantId = tenantId;
    }
    vscode.setState(state);
  }

  const ACTIONS = ['copyJson', 'copyId', 'revoke'];
  document.addEventListener('click', function (event) {
    const button = event.target instanceof window.Element ? event.target.closest('button[data-action]') : null;
    if (!button || button.disabled) {
      return;
    }
    const action = button.getAttribute('data-action');
    if (ACTIONS.indexOf(action) !== -1) {
      vscode.postMessage({ type: action });
    }
  });

  function showFeedback(text, failed) {
    if (!feedback) {
      return;
    }
    feedback.textContent = text;
    feedback.classList.toggle('failed', Boolean(failed));
  }

  function setBanner(kind, label, description) {
    if (!banner) {
      return;
    }
    banner.className = 'banner status-' + kind;
    if (bannerLabel) {
      bannerLabel.textContent = label;
    }
    if (bannerDescription) {
      bannerDescription.textContent = description;
    }
    if (root) {
      root.setAttribute('data-status', kind);
    }
  }

  function setRevokeEnabled(enabled) {
    if (revokeButton) {
      revokeButton.disabled = !enabled;
    }
  }

  function asText(value) {
    return typeof value === 'string' ? value : '';
  }

  window.addEventListener('message', function (event) {
    const message = event.data;
    if (!message || typeof message !== 'object') {
      return;
    }
    switch (message.type) {
      case 'revoking':
        setRevokeEnabled(false);
        showFeedback('Revoking…', false);
        break;
      case 'revoked':
        setBanner('revoked', 'Revoked', 'just now · Auth0 removes it from the list in the background');
        setRevokeEnabled(false);
        showFeedback('Revoked.', false);
        break;
      case 'revokeFailed':
        setRevokeEnabled(true);
        showFeedback('Revoke failed: ' + asText(message.message), true);
        break;
      case 'copied':
        showFeedback(message.what === 'id' ? 'Token id copied.' : 'JSON copied.', false);
        break;
      case 'error':
        showFeedback(asText(message.message), true);
        break;
      default:
        break;
    }
  });
})();
