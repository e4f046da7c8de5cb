import * as assert from 'node:assert/strict';
import {
  deviceNetworkMatches, formatIpAddress, formatNetwork, formatNetworkMatcher, networkContains, parseAsn, parseCidr,
  parseIpAddress, parseNetworkMatcher,
} from '../../../../../src/features/hunt/core/network';

function address(text: string) {
  const parsed = parseIpAddress(text);
  assert.ok(parsed.ok, `${text}: ${parsed.ok ? '' : parsed.error}`);
  return parsed.value;
}

function network(text: string) {
  const parsed = parseCidr(text);
  assert.ok(parsed.ok, `${text}: ${parsed.ok ? '' : parsed.error}`);
  return parsed.value;
}

describe('Hunt network matching', () => {
  it('parses addresses to their canonical form', () => {
    const cases: [string, string, 4 | 6][] = [
      ['203.0.113.7', '203.0.113.7', 4],
      ['0.0.0.0', '0.0.0.0', 4],
      ['255.255.255.255', '255.255.255.255', 4],
      ['  198.51.100.1 ', '198.51.100.1', 4],
      ['2001:db8::7', '2001:db8::7', 6],
      ['2001:0DB8:0000:0000:0000:0000:0000:0007', '2001:db8::7', 6],
      ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1', 6],
      ['2001:db8::1:0:0:0:1', '2001:db8:0:1::1', 6],
      ['::', '::', 6],
      ['::1', '::1', 6],
      ['1::', '1::', 6],
      ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0', 6],
      ['::2:3:4:5:6:7:8', '0:2:3:4:5:6:7:8', 6],
      ['1:0:0:2::3', '1:0:0:2::3', 6],
      // Two runs of equal length: the first one is compressed (RFC 5952 4.2.3).
      ['1:0:0:2:0:0:3:4', '1::2:0:0:3:4', 6],
      // IPv4-mapped IPv6 is the IPv4 address, in either spelling.
      ['::ffff:1.2.3.4', '1.2.3.4', 4],
      ['::FFFF:0102:0304', '1.2.3.4', 4],
      ['0:0:0:0:0:ffff:203.0.113.9', '203.0.113.9', 4],
      // IPv4-compatible (deprecated) and NAT64 forms stay IPv6.
      ['::1.2.3.4', '::102:304', 6],
      ['64:ff9b::192.0.2.33', '64:ff9b::c000:221', 6],
    ];
    for (const [text, canonical, version] of cases) {
      const parsed = address(text);
      assert.equal(formatIpAddress(parsed), canonical, text);
      assert.equal(parsed.version, version, text);
    }
  });

  it('refuses malformed addresses and says why', () => {
    const cases: [string, RegExp][] = [
      ['', /empty/],
      ['203.0.113', /four numbers/],
      ['203.0.113.7.1', /four numbers/],
      ['203.0..7', /empty number/],
      ['256.1.1.1', /256 is more than 255/],
      ['010.1.1.1', /leading zero in "010".*octal.*write 10/],
      ['1.2.3.04', /leading zero in "04"/],
      ['00.1.1.1', /leading zero/],
      ['1.2.3.-4', /not an IP address/],
      ['1.2.3.4.', /four numbers/],
      ['fe80::1%eth0', /zone id \(%eth0\)/],
      ['fe80::1%25en0', /zone id/],
      ['1.2.3.4%eth0', /zone id/],
      ['[2001:db8::1]', /without brackets/],
      ['2001:db8::1::2', /"::" more than once/],
      ['2001:::1', /":::"/],
      ['2001:db8:1:2:3:4:5', /has 7 groups; an IPv6 address has eight/],
      ['1:2:3:4:5:6:7:8:9', /has 9 groups/],
      ['1:2:3:4::5:6:7:8', /has 8 groups besides "::"/],
      ['2001:db8:12345::1', /more than four hex digits/],
      ['2001:db8:g::1', /not hexadecimal/],
      [':1:2:3:4:5:6:7', /empty group/],
      ['1:2:3:4:5:6:7:', /empty group/],
      ['::ffff:1.2.3.4:5', /may only end/],
      ['::ffff:01.2.3.4', /leading zero/],
      ['3232235777', /four numbers separated by dots/],
      ['example.com', /not an IP address/],
    ];
    for (const [text, expected] of cases) {
      const parsed = parseIpAddress(text);
      assert.equal(parsed.ok, false, `${text} should be refused`);
      assert.match(parsed.ok ? '' : parsed.error, expected, text);
    }
  });

  it('tests CIDR containment at the edges', () => {
    const cases: [string, string, boolean][] = [
      ['0.0.0.0/0', '203.0.113.7', true],
      ['0.0.0.0/0', '255.255.255.255', true],
      // An IPv4 range holds IPv4 addresses only, however they are written.
      ['0.0.0.0/0', '2001:db8::1', false],
      ['0.0.0.0/0', '::ffff:8.8.8.8', true],
      // ::/0 is every address, IPv4 ones included (they are ::ffff:a.b.c.d).
      ['::/0', '2001:db8::1', true],
      ['::/0', '203.0.113.7', true],
      ['203.0.113.7/32', '203.0.113.7', true],
      ['203.0.113.7/32', '203.0.113.8', false],
      ['203.0.113.0/24', '203.0.113.0', true],
      ['203.0.113.0/24', '203.0.113.255', true],
      ['203.0.113.0/24', '203.0.114.0', false],
      ['203.0.113.0/24', '203.0.112.255', false],
      ['203.0.113.0/24', '::ffff:203.0.113.50', true],
      ['203.0.113.0/24', '::ffff:cb00:7132', true],
      ['128.0.0.0/1', '127.255.255.255', false],
      ['128.0.0.0/1', '128.0.0.0', true],
      ['2001:db8::7/128', '2001:db8::7', true],
      ['2001:db8::7/128', '2001:db8::8', false],
      ['2001:db8::/32', '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff', true],
      ['2001:db8::/32', '2001:db9::', false],
      ['2001:db8::/32', '203.0.113.7', false],
      ['::ffff:203.0.113.0/120', '203.0.113.99', true],
      ['::ffff:203.0.113.0/120', '203.0.114.1', false],
      ['::ffff:0:0/96', '1.2.3.4', true],
      ['::ffff:0:0/96', '2001:db8::1', false],
      ['fe80::/10', 'febf:ffff::1', true],
      ['fe80::/10', 'fec0::1', false],
    ];
    for (const [cidr, ip, expected] of cases) {
      assert.equal(networkContains(network(cidr), address(ip)), expected, `${cidr} contains ${ip}`);
    }
  });

  it('writes ranges canonically, IPv4-mapped ranges as IPv4', () => {
    const cases: [string, string][] = [
      ['203.0.113.0/24', '203.0.113.0/24'],
      ['0.0.0.0/0', '0.0.0.0/0'],
      ['::/0', '::/0'],
      ['2001:0db8:0000::/32', '2001:db8::/32'],
      ['::ffff:203.0.113.0/120', '203.0.113.0/24'],
      ['::ffff:1.2.3.4/128', '1.2.3.4/32'],
      ['::ffff:0:0/96', '0.0.0.0/0'],
      ['::/95', '::/95'],
    ];
    for (const [text, canonical] of cases) {
      assert.equal(formatNetwork(network(text)), canonical, text);
    }
  });

  it('refuses malformed ranges and names the problem', () => {
    const cases: [string, RegExp][] = [
      ['203.0.113.0/33', /prefix length 33 is more than 32/],
      ['2001:db8::/129', /prefix length 129 is more than 128/],
      ['203.0.113.7/24', /bits set after the first 24: did you mean 203\.0\.113\.0\/24\?/],
      ['2001:db8::1/32', /did you mean 2001:db8::\/32\?/],
      ['::ffff:1.2.3.4/120', /did you mean 1\.2\.3\.0\/24\?/],
      ['203.0.113.0/', /no prefix length/],
      ['203.0.113.0/024', /without a leading zero \(\/24\)/],
      ['203.0.113.0/-1', /not a whole number/],
      ['203.0.113.0/2x', /not a whole number/],
      ['203.0.113.0/24/1', /more than one "\/"/],
      ['fe80::%eth0/64', /zone id/],
      ['010.0.0.0/8', /leading zero/],
      ['300.0.0.0/8', /300 is more than 255/],
    ];
    for (const [text, expected] of cases) {
      const parsed = parseCidr(text);
      assert.equal(parsed.ok, false, `${text} should be refused`);
      assert.match(parsed.ok ? '' : parsed.error, expected, text);
    }
  });

  it('reads ASNs as people write them and as Auth0 records them', () => {
    const cases: [string | number, number][] = [['AS7922', 7922], ['as7922', 7922], ['AS 7922', 7922], ['ASN7922', 7922], ['7922', 7922], [16509, 16509], ['AS4294967295', 4294967295], ['0', 0]];
    for (const [text, asn] of cases) {
      const parsed = parseAsn(text);
      assert.deepEqual(parsed, { ok: true, value: asn }, String(text));
    }
    for (const [text, expected] of [['AS', /not an ASN/], ['AS4294967296', /go up to 4294967295/], ['AS07922', /leading zero/], ['AS-1', /not an ASN/], ['Comcast', /not an ASN/]] as const) {
      const parsed = parseAsn(text);
      assert.match(parsed.ok ? '' : parsed.error, expected, text);
    }
  });

  it('tells addresses, ranges and ASNs apart in what a person types', () => {
    const cases: [string, string, string][] = [
      ['AS7922', 'asn', 'AS7922'],
      ['7922', 'asn', 'AS7922'],
      ['203.0.113.7', 'ip', '203.0.113.7'],
      ['::ffff:203.0.113.7', 'ip', '203.0.113.7'],
      ['2001:DB8::/32', 'cidr', '2001:db8::/32'],
      ['203.0.113.0/24', 'cidr', '203.0.113.0/24'],
    ];
    for (const [text, kind, canonical] of cases) {
      const parsed = parseNetworkMatcher(text);
      assert.ok(parsed.ok, text);
      assert.equal(parsed.value.kind, kind, text);
      assert.equal(formatNetworkMatcher(parsed.value), canonical, text);
      // The canonical form parses back to itself: checkpoints store it.
      const again = parseNetworkMatcher(canonical);
      assert.ok(again.ok && formatNetworkMatcher(again.value) === canonical, canonical);
    }
    const refused = parseNetworkMatcher('acme.example');
    assert.match(refused.ok ? '' : refused.error, /not an IP address, a CIDR range \(203\.0\.113\.0\/24\) or an ASN \(AS7922\)/);
  });

  it('matches device records as Auth0 sends them, never throwing on hostile values', () => {
    const range = parseNetworkMatcher('203.0.113.0/24');
    const asn = parseNetworkMatcher('AS7922');
    const ip = parseNetworkMatcher('2001:db8::7');
    assert.ok(range.ok && asn.ok && ip.ok);
    assert.equal(deviceNetworkMatches(range.value, '203.0.113.8', undefined), true);
    assert.equal(deviceNetworkMatches(range.value, '::ffff:203.0.113.8', undefined), true);
    assert.equal(deviceNetworkMatches(range.value, '198.51.100.8', '7922'), false);
    assert.equal(deviceNetworkMatches(asn.value, '198.51.100.8', '7922'), true);
    assert.equal(deviceNetworkMatches(asn.value, undefined, 7922), true);
    assert.equal(deviceNetworkMatches(asn.value, undefined, 'AS7922'), true);
    assert.equal(deviceNetworkMatches(asn.value, undefined, '79220'), false);
    assert.equal(deviceNetworkMatches(ip.value, '2001:0db8:0:0::7', undefined), true);
    for (const hostile of [null, undefined, 42, {}, ['203.0.113.8'], '"><img src=x>', '203.0.113.8 ', '203.0.113.08', 'fe80::1%eth0']) {
      const matched = deviceNetworkMatches(range.value, hostile, hostile);
      // Only the padded form is an address (trimmed), the rest are not.
      assert.equal(matched, hostile === '203.0.113.8 ', String(hostile));
    }
  });
});
