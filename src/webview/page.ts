// The one shell of every webview page, as a pure function (no `vscode`: the renderers that call it
// are unit-tested in plain Node). The security shape is written here and nowhere else: a
// Content-Security-Policy without 'unsafe-inline' (only the extension's stylesheet, font and
// images, and the one script that carries this render's nonce), one stylesheet (the page's own,
// which imports the shared media/webview.css), no inline styles or event handlers, every value
// escaped by the `html` template.
import { html, type HtmlValue, type SafeHtml } from '../presentation/html';

/** What a panel supplies for each render (see panel.ts `webviewResources`). */
export interface WebviewResources {
  /** A fresh random value per render, allowing exactly the one script. */
  nonce: string;
  /** `webview.cspSource`. */
  cspSource: string;
  /** `webview.asWebviewUri(media/<page>.css)`. */
  styleUri: string;
  /** `webview.asWebviewUri(media/<page>.js)`. */
  scriptUri: string;
  /** Which draw of the panel this is (pageDrawer.ts), on <main> as data-render; the page reports it once loaded. */
  render?: number;
}

/** One page: its title, the class and data-* attributes of its <main> (undefined values are left out), and its body. */
export interface WebviewPage {
  title: HtmlValue;
  mainClass: string;
  mainAttributes?: Readonly<Record<`data-${string}`, string | undefined>>;
  body: HtmlValue;
}

/** Only the stylesheet and font from the extension, images from it or data:, and the one nonce'd script. */
function contentSecurityPolicy({ cspSource, nonce }: WebviewResources): SafeHtml {
  return html`default-src 'none'; img-src ${cspSource} data:; style-src ${cspSource}; script-src 'nonce-${nonce}'; font-src ${cspSource};`;
}

/** The complete document of `page`, with the shell, the policy and the script of `resources`. */
export function webviewHtml(resources: WebviewResources, page: WebviewPage): string {
  const mainAttributes = { ...page.mainAttributes, 'data-render': resources.render === undefined ? undefined : String(resources.render) };
  const attributes = Object.entries(mainAttributes)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => html` ${name}="${value}"`);
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(resources)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${resources.styleUri}">
<title>${page.title}</title>
</head>
<body>
<main class="${page.mainClass}"${attributes}>
${page.body}
</main>
<script nonce="${resources.nonce}" src="${resources.scriptUri}"></script>
</body>
</html>
`.markup;
}
