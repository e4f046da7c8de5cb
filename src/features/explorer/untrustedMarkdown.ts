// Tooltips carry text from Auth0 (already escaped by the presentation core): never trusted, so
// no command: links run and no raw HTML renders even if escaping ever missed something.
import * as vscode from 'vscode';

export function untrustedMarkdown(text: string): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(text);
  markdown.isTrusted = false;
  markdown.supportHtml = false;
  return markdown;
}
