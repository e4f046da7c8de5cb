// The renderers' output read the way a browser and VS Code's hover read it, for the security
// suites: parse5 is a WHATWG-compliant HTML parser (what Chromium does with the webview's
// document, including the odd parsing of <title>, <noscript> and foreign content), and
// markdown-it a CommonMark renderer (VS Code renders MarkdownString tooltips with `marked`, also
// CommonMark + GFM). Both are installed with @vscode/vsce (parse5 7.3.0, markdown-it 14.3.3);
// package.json should list them as devDependencies of their own so they stay.
import { parse, type DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

export interface ParsedElement {
  name: string;
  attributes: Record<string, string>;
  /** Text inside the element, as textContent gives it. */
  text: string;
}

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

function textOf(node: Node): string {
  if (node.nodeName === '#text') {
    return (node as DefaultTreeAdapterMap['textNode']).value;
  }
  // A <template>'s content is a separate fragment, as in the DOM.
  const children = 'childNodes' in node ? node.childNodes : [];
  return children.map(textOf).join('');
}

/** Every element of `markup` parsed as an HTML document, in document order. */
export function parseElements(markup: string): ParsedElement[] {
  const elements: ParsedElement[] = [];
  const visit = (node: Node) => {
    if (isElement(node)) {
      elements.push({
        name: node.tagName,
        attributes: Object.fromEntries(node.attrs.map((attribute) => [attribute.name, attribute.value])),
        text: textOf(node),
      });
      if (node.tagName === 'template') {
        visit((node as DefaultTreeAdapterMap['template']).content);
      }
    }
    if ('childNodes' in node) {
      node.childNodes.forEach(visit);
    }
  };
  visit(parse(markup));
  return elements;
}

/** A markdown-it token, as much of it as the checks read. */
export interface MarkdownToken {
  type: string;
  tag: string;
  content: string;
  children: MarkdownToken[] | null;
}

interface MarkdownRenderer {
  parse(source: string, env: object): MarkdownToken[];
  render(source: string): string;
}

// markdown-it ships no type declarations; this is the part used here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (options: { html: boolean; linkify: boolean }) => MarkdownRenderer;

/**
 * The strictest reading: raw HTML and linkified URLs allowed. VS Code's hover allows neither
 * (supportHtml=false, isTrusted=false), so text that forms no HTML or link here forms none there.
 */
const permissive = new MarkdownIt({ html: true, linkify: true });

/** All tokens of `markdown`, inline children flattened in after their parent. */
export function markdownTokens(markdown: string): MarkdownToken[] {
  const flat: MarkdownToken[] = [];
  for (const token of permissive.parse(markdown, {})) {
    flat.push(token);
    flat.push(...(token.children ?? []));
  }
  return flat;
}

/** The plain text a reader sees: text and code tokens, breaks as "\n". */
export function markdownText(tokens: readonly MarkdownToken[]): string {
  return tokens
    .map((token) => (token.type === 'text' || token.type === 'code_inline' ? token.content : token.type === 'softbreak' || token.type === 'hardbreak' ? '\n' : ''))
    .join('');
}
