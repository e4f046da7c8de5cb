import * as assert from 'node:assert/strict';
import { html } from '../../../src/presentation/html';
import { webviewHtml, type WebviewResources } from '../../../src/webview/page';

const RESOURCES: WebviewResources = {
  nonce: 'bm9uY2Utb2YtdGhpcy1yZW5kZXI=',
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/page.css',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/page.js',
};

describe('webview kit: the one page shell', () => {
  const page = webviewHtml(RESOURCES, { title: 'Title <b>', mainClass: 'some-page', mainAttributes: { 'data-status': 'ok"><script>', 'data-absent': undefined }, body: html`<p>${'<img src=x>'}</p>` });

  it('writes the one Content-Security-Policy: no inline script or style, only the nonce\'d script', () => {
    const policy = `default-src 'none'; img-src ${RESOURCES.cspSource} data:; style-src ${RESOURCES.cspSource}; script-src 'nonce-${RESOURCES.nonce}'; font-src ${RESOURCES.cspSource};`;
    assert.ok(page.includes(`<meta http-equiv="Content-Security-Policy" content="${policy}">`));
    assert.ok(!page.includes('unsafe-inline'));
  });

  it('loads exactly one stylesheet and one script, the script with the nonce', () => {
    assert.deepEqual(page.match(/<link [^>]*>/g), [`<link rel="stylesheet" href="${RESOURCES.styleUri}">`]);
    assert.deepEqual(page.match(/<script[^>]*>/g), [`<script nonce="${RESOURCES.nonce}" src="${RESOURCES.scriptUri}">`]);
  });

  it('escapes the title and the attributes, and leaves out undefined attributes', () => {
    assert.ok(page.startsWith('<!DOCTYPE html>\n<html lang="en">'));
    assert.ok(page.includes('<title>Title &lt;b&gt;</title>'));
    assert.ok(page.includes('<main class="some-page" data-status="ok&quot;&gt;&lt;script&gt;">'));
    assert.ok(!page.includes('data-absent'));
    assert.ok(page.includes('<p>&lt;img src=x&gt;</p>'));
  });

  it('numbers the render on <main> (data-render) for the page to report once loaded (pageDrawer.ts)', () => {
    const drawn = webviewHtml({ ...RESOURCES, render: 7 }, { title: 't', mainClass: 'some-page', mainAttributes: { 'data-status': 'ok' }, body: html`` });
    assert.ok(drawn.includes('<main class="some-page" data-status="ok" data-render="7">'));
  });
});
