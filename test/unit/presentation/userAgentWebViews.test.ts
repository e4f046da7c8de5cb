import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeUserAgent, type UserAgentDescription } from '../../../src/presentation/userAgent.lazy';
import { userAgentCorpus } from './userAgentCorpus';

/** The repository's `src`, from `out/test/unit/presentation` where the compiled test runs. */
const SRC = path.resolve(__dirname, '..', '..', '..', '..', 'src');

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Module specifiers a file imports or re-exports, `import type` included: a cycle of types is still a cycle. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gm)].map((match) => match[1]);
}

describe('describeUserAgent: in-app browsers, WebViews and embedded runtimes', () => {
  describe('the two headers of project issue #10', () => {
    it('names the app and its version for an iOS Cordova WebView, not "Safari on iOS"', () => {
      const { browser, os, deviceType, summary } = describeUserAgent(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 12_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Cordova/3.5.0 inWrapper ExampleApp/0.0.1',
      );
      const expected: UserAgentDescription = { browser: 'ExampleApp 0.0.1', os: 'iOS 12.4', deviceType: 'mobile', summary: 'ExampleApp 0.0.1 (iOS 12.4 app WebView)' };
      assert.deepEqual({ browser, os, deviceType, summary }, expected);
    });

    it('says Android WebView, with the WebView\'s version, for a "; wv" header, not Chrome', () => {
      const { browser, os, deviceType, summary } = describeUserAgent(
        'Mozilla/5.0 (Linux; Android 8.0.0; Nexus 6P Build/OPR5.170623.011; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/64.0.3282.137 Mobile Safari/537.36',
      );
      const expected: UserAgentDescription = { browser: 'Android WebView 64', os: 'Android 8', deviceType: 'mobile', summary: 'Android WebView 64 on Android 8 (mobile)' };
      assert.deepEqual({ browser, os, deviceType, summary }, expected);
    });
  });

  describe('corpus', () => {
    for (const { family, name, userAgent, summary } of userAgentCorpus) {
      it(`${family}: ${name}`, () => {
        assert.equal(describeUserAgent(userAgent).summary, summary, userAgent);
      });
    }
  });

  describe('headers built to mislead', () => {
    it('keeps an appended app name short', () => {
      const description = describeUserAgent(`Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 ${'A'.repeat(300)}/1.0`);
      assert.ok(description.summary.length < 90, description.summary);
      assert.match(description.summary, /…/);
    });

    it('keeps an Electron app name short', () => {
      const description = describeUserAgent(`Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) ${'B'.repeat(300)}/1.0 Chrome/126.0.0.0 Electron/31.2.0 Safari/537.36`);
      assert.ok(description.summary.length < 90, description.summary);
      assert.match(description.summary, /…/);
    });

    it('does not read an app version out of a version that is not a number', () => {
      assert.equal(
        describeUserAgent('Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP1A.240505.005; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/125.0.6422.165 Mobile Safari/537.36 AcmeApp/beta').summary,
        'AcmeApp (Android 14 app WebView)',
      );
    });
  });

  describe('module structure', () => {
    it('has no import cycle among the presentation modules', () => {
      const folder = path.join(SRC, 'presentation');
      const graph = new Map<string, string[]>();
      for (const file of sourceFiles(folder)) {
        const local = importsOf(file)
          .filter((specifier) => specifier.startsWith('.'))
          .map((specifier) => `${path.resolve(path.dirname(file), specifier)}.ts`)
          .filter((target) => target.startsWith(folder));
        graph.set(file, local);
      }
      const done = new Set<string>();
      const visit = (file: string, trail: string[]): void => {
        if (trail.includes(file)) {
          const cycle = [...trail.slice(trail.indexOf(file)), file].map((entry) => path.basename(entry));
          assert.fail(`import cycle: ${cycle.join(' -> ')}`);
        }
        if (done.has(file)) {
          return;
        }
        for (const next of graph.get(file) ?? []) {
          visit(next, [...trail, file]);
        }
        done.add(file);
      };
      for (const file of graph.keys()) {
        visit(file, []);
      }
    });

    it('imports bowser from userAgent.lazy.ts only, so the parser is loaded on its own, on first use', () => {
      const importers = sourceFiles(SRC)
        .filter((file) => importsOf(file).includes('bowser'))
        .map((file) => path.relative(SRC, file).split(path.sep).join('/'));
      assert.deepEqual(importers, ['presentation/userAgent.lazy.ts']);
    });
  });
});
