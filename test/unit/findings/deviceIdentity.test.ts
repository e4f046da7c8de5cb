import * as assert from 'node:assert/strict';
import { deviceDifferences, deviceIdentity, deviceKey } from '../../../src/findings/deviceIdentity';
import { injectionPayloads } from '../fixtures/injectionPayloads';
import { AGENTS, LOG_AGENTS } from './findingFixtures';

function differences(first: string, second: string): string[] {
  return deviceDifferences(deviceIdentity(first), deviceIdentity(second));
}

describe('deviceIdentity', () => {
  it('reads a raw browser header without versions', () => {
    const identity = deviceIdentity(AGENTS.chrome126Mac);
    assert.equal(identity.product, 'chrome');
    assert.equal(identity.os, 'macos');
    assert.equal(identity.deviceType, 'desktop');
    assert.equal(identity.summary, 'Chrome 126 on macOS (desktop)');
  });

  it('reads Auth0\'s log spelling, which a header parser misreads', () => {
    const identity = deviceIdentity(LOG_AGENTS.chrome126Mac);
    assert.equal(identity.product, 'chrome');
    assert.equal(identity.os, 'macos');
    assert.equal(identity.deviceType, 'unknown');
    assert.equal(identity.summary, 'Chrome 126 on Mac OS X 10.15');
    assert.equal(deviceIdentity(LOG_AGENTS.safariIos).summary, 'Mobile Safari 17.5 on iOS 17.5');
  });

  it('gives the same key to both spellings of one device', () => {
    assert.equal(deviceKey(deviceIdentity(LOG_AGENTS.chrome126Mac)), deviceKey(deviceIdentity(AGENTS.chrome126Mac)));
    assert.equal(deviceKey(deviceIdentity(LOG_AGENTS.safariIos)), deviceKey(deviceIdentity(AGENTS.safariIphone)));
    assert.notEqual(deviceKey(deviceIdentity(LOG_AGENTS.chromeWindows)), deviceKey(deviceIdentity(AGENTS.chrome126Mac)));
  });

  it('says nothing was recorded for a missing user agent', () => {
    for (const missing of [undefined, null, '', '   ']) {
      const identity = deviceIdentity(missing);
      assert.equal(identity.summary, 'No user agent recorded');
      assert.equal(identity.product, undefined);
    }
  });

  it('compares unrecognised headers with their numbers masked', () => {
    assert.ok(deviceIdentity('Mozilla/5.0 (compatible)').fallback);
    assert.deepEqual(differences('Mozilla/5.0 (compatible)', 'Mozilla/4.0 (compatible)'), []);
    assert.deepEqual(differences('Mozilla/5.0 (compatible)', 'Mozilla/5.0'), ['user agent']);
  });

  it("takes Auth0's \"Other 0.0.0 / Other 0.0.0\" as identifying nothing, not as a device of its own", () => {
    const nothing = deviceIdentity('Other 0.0.0 / Other 0.0.0');
    assert.deepEqual([nothing.product, nothing.os, nothing.fallback, nothing.summary], [undefined, undefined, undefined, 'Unrecognised user agent']);
    assert.deepEqual(differences('Other 0.0.0 / Other 0.0.0', 'Other 0.0.0 / Other 0.0.0'), []);
  });

  it('takes a product named like an object key for what it says', () => {
    assert.equal(deviceIdentity('constructor 1.0.0 / toString 2.0.0').product, 'constructor');
    assert.equal(deviceIdentity('constructor 1.0.0 / toString 2.0.0').os, 'tostring');
  });

  it('never throws on hostile strings', () => {
    for (const payload of injectionPayloads) {
      const identity = deviceIdentity(payload.value);
      assert.equal(typeof identity.summary, 'string', payload.name);
    }
  });
});

describe('deviceDifferences', () => {
  const cases: [string, string, string, string[]][] = [
    ['same header', AGENTS.chrome126Mac, AGENTS.chrome126Mac, []],
    ['browser update (version only)', AGENTS.chrome126Mac, AGENTS.chrome127Mac, []],
    ['app update (version only)', AGENTS.acme32, AGENTS.acme33, []],
    ['log spelling, version only', LOG_AGENTS.chrome126Mac, LOG_AGENTS.chrome127Mac, []],
    ['other browser, same system', AGENTS.chrome126Mac, AGENTS.firefoxMac, ['product']],
    ['same browser, other system', AGENTS.chrome126Mac, AGENTS.chrome126Windows, ['operating system']],
    ['phone to tablet', AGENTS.safariIphone, AGENTS.safariIpad, ['device type']],
    ['browser to native app', AGENTS.chrome126Mac, AGENTS.acme32, ['product', 'operating system', 'device type']],
    ['browser to script', AGENTS.chrome126Mac, AGENTS.curl, ['product', 'operating system']],
    ['raw header and log spelling of one device', AGENTS.chrome126Mac, LOG_AGENTS.chrome126Mac, []],
  ];
  for (const [name, first, second, expected] of cases) {
    it(name, () => {
      assert.deepEqual(differences(first, second), expected);
    });
  }
});
