// The page scripts' one way to the extension (bundled into each media/<page>.js): VS Code's
// acquireVsCodeApi, typed by the page's own protocol. It may be called once per page, and tells
// the panel when the page has loaded (pageDrawer.ts: the next draw waits for that).
import type { PageLoadedMessage } from './pageDrawer';

export interface VsCodeApi<Request, State = never> {
  postMessage(message: Request): void;
  setState(state: State): void;
  getState(): unknown;
}

declare function acquireVsCodeApi(): VsCodeApi<unknown, unknown>;

/** The page's messenger: posts the requests of its protocol (`Request`), keeps its `State` across a hide or reload. */
export function vscodeApi<Request, State = never>(): VsCodeApi<Request, State> {
  const api = acquireVsCodeApi();
  const render = Number(document.querySelector('main')?.getAttribute('data-render') ?? Number.NaN);
  if (Number.isSafeInteger(render)) {
    // From the load event, whose earlier listener is VS Code's own swap-in of this page.
    const loaded = () => api.postMessage({ type: 'page-loaded', render } satisfies PageLoadedMessage);
    if (document.readyState === 'complete') {
      loaded();
    } else {
      window.addEventListener('load', loaded, { once: true });
    }
  }
  return api as VsCodeApi<Request, State>;
}
