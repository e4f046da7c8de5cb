// The VS Code side of every webview panel: its options (the one place scripts are enabled and the
// resource roots set), the per-render resources (a fresh nonce, the CSP source, the page's media
// URIs) and its icon. The official webview sample's getWebviewOptions() serves both the created and
// the restored panel; so does webviewPanelOptions() here.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { WebviewResources } from './page';
import { PageDrawer } from './pageDrawer';

/** The folder of every page's stylesheet and script (media/), the only one a page may load from. */
export function mediaRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'media');
}

/** Scripts on, only media/ readable, the page rebuilt (not kept) when hidden, the find widget on. */
export function webviewPanelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [mediaRoot(extensionUri)], retainContextWhenHidden: false, enableFindWidget: true };
}

/** What render number `render` of `page` needs: media/<page>.css and media/<page>.js as the webview's URIs, and a fresh nonce. */
export function webviewResources(webview: vscode.Webview, extensionUri: vscode.Uri, page: string, render?: number): WebviewResources {
  const root = mediaRoot(extensionUri);
  return {
    render,
    nonce: randomBytes(16).toString('base64'),
    cspSource: webview.cspSource,
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, `${page}.css`)).toString(),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, `${page}.js`)).toString(),
  };
}

/**
 * What sets `webview`'s html, one page load at a time (pageDrawer.ts): every panel draws through
 * it and hands it the page's messages first (`receive`).
 */
export function pageDrawer(webview: vscode.Webview, extensionUri: vscode.Uri, page: string): PageDrawer {
  return new PageDrawer(webview, (render) => webviewResources(webview, extensionUri, page, render));
}

/** The extension's icon, on every panel's tab. */
export function panelIcon(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(mediaRoot(extensionUri), 'auth0.svg');
}

/**
 * Handles `message` as a page posted it: only a request `isRequest` accepts reaches `handle`
 * (anything else did not come from our script and is ignored), and what `handle` throws is given
 * to `failed` with its message, so the page says why where the person clicked. Never rejects.
 */
export async function handlePageMessage<Request>(
  message: unknown,
  isRequest: (message: unknown) => message is Request,
  handle: (request: Request) => Promise<void> | void,
  failed: (text: string, request: Request) => void,
): Promise<void> {
  if (!isRequest(message)) {
    return;
  }
  try {
    await handle(message);
  } catch (error) {
    failed(error instanceof Error ? error.message : String(error), message);
  }
}
