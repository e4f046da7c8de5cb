// The page scripts' one way to the extension (bundled into each media/<page>.js): VS Code's
// acquireVsCodeApi, typed by the page's own protocol. It may be called once per page.
export interface VsCodeApi<Request, State = never> {
  postMessage(message: Request): void;
  setState(state: State): void;
  getState(): unknown;
}

declare function acquireVsCodeApi(): VsCodeApi<unknown, unknown>;

/** The page's messenger: posts the requests of its protocol (`Request`), keeps its `State` across a hide or reload. */
export function vscodeApi<Request, State = never>(): VsCodeApi<Request, State> {
  return acquireVsCodeApi() as VsCodeApi<Request, State>;
}
