// The setup report's only script, bundled by esbuild into media/setupReport.js and allowed by the
// CSP nonce. It posts button presses to the extension and shows the answers with textContent, so
// nothing the extension sends can become markup.
import { SETUP_REPORT_REQUEST_TYPES, isSetupReportUpdate, type SetupReportRequest } from '../protocol';
import { vscodeApi } from '../../../webview/vscodeApi';

const vscode = vscodeApi<SetupReportRequest>();
const feedback = document.querySelector('[data-field="action-feedback"]');

function showFeedback(text: string, failed: boolean): void {
  if (feedback) {
    feedback.textContent = text;
    feedback.classList.toggle('failed', failed);
  }
}

document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest<HTMLButtonElement>('button[data-action]') : null;
  if (!button || button.disabled) {
    return;
  }
  const action = SETUP_REPORT_REQUEST_TYPES.find((type) => type === button.getAttribute('data-action'));
  if (action) {
    if (action === 'run-again') {
      showFeedback('Checking…', false);
    }
    vscode.postMessage({ type: action });
  }
});

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const update = event.data;
  if (!isSetupReportUpdate(update)) {
    return;
  }
  if (update.type === 'copied') {
    showFeedback('Copied as Markdown.', false);
  } else {
    showFeedback(update.message, true);
  }
});
