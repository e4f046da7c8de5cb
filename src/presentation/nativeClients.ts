// User agents of apps and scripts rather than browsers. A mobile app exchanges its refresh token
// through the platform's HTTP stack, so Auth0 records "Acme/3.2 CFNetwork/1404 Darwin/22.2.0" or
// "okhttp/4.12.0", which a browser parser misreads ("Acme/3.2 CFNetwork" version 1404) or cannot
// read at all. These rules run first; everything that starts "Mozilla/" (or "Opera/", Presto-era
// Opera and today's Opera Mini) is left to bowser.

import { truncateWithEllipsis } from './plainText';
import { MAX_APP_NAME_LENGTH, type UserAgentDescription } from './userAgentDescription';

/** Products that name an HTTP stack, not the app itself. */
const APPLE_STACKS = new Set(['cfnetwork', 'darwin', 'alamofire', 'urlsession']);
const ANDROID_STACKS = new Set(['okhttp', 'dalvik']);

/** HTTP libraries and tools: a token used from these lives on a server or in a script. */
const SCRIPT_CLIENTS = new Set([
  'curl', 'wget', 'httpie', 'python-requests', 'python-urllib', 'python-httpx', 'aiohttp', 'axios',
  'node-fetch', 'undici', 'node', 'got', 'postmanruntime', 'insomnia', 'go-http-client', 'java',
  'apache-httpclient', 'ruby', 'faraday', 'guzzlehttp', 'php', 'restsharp', 'powershell',
]);

interface Product {
  name: string;
  version?: string;
}

/** Browsers start their header with "Mozilla/", except Opera before version 15 and Opera Mini. */
function isBrowserHeader(userAgent: string): boolean {
  return /^(?:Mozilla|Opera)\//i.test(userAgent);
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/**
 * A product token's characters: anything but white space, controls and RFC 9110's delimiters
 * ("(),/:;<=>?@[\]{}" and the double quote), so an app's name in any script still reads.
 */
const TOKEN = '[^\\s\\u0000-\\u001f\\u007f()<>@,;:\\\\"/\\[\\]?={}]+';
/** `product [ "/" version ]` at the start, then a space, a comment's "(" or the end (RFC 9110 User-Agent). */
const LEADING_PRODUCT = new RegExp(`^(${TOKEN})(?:/(${TOKEN}))?(?=$|[\\s(])`);

/**
 * The first `name/version` product of the header, the one an app puts first to name itself;
 * undefined when the header does not start with one ("<script>…", "a/b/c"), so that it is never
 * cut at a delimiter and its "/" read as the gap between a name and a version.
 */
function leadingProduct(userAgent: string): Product | undefined {
  const match = LEADING_PRODUCT.exec(userAgent);
  if (!match) {
    return undefined;
  }
  // An app's own version is kept as written ("1.0", "4.12.0"), up to three parts.
  const version = match[2]?.split('.').slice(0, 3).join('.');
  return { name: truncateWithEllipsis(decodeName(match[1]), MAX_APP_NAME_LENGTH), version: version ? truncateWithEllipsis(version, 20) : undefined };
}

function productText(product: Product): string {
  return product.version ? `${product.name} ${product.version}` : product.name;
}

function nativeApp(platform: string, product: Product | undefined, stacks: Set<string>, stackName: string): UserAgentDescription {
  const isStack = !product || stacks.has(product.name.toLowerCase());
  const browser = isStack ? undefined : productText(product);
  const summary = browser ? `${browser} (${platform} native app)` : `${platform} app (${stackName})`;
  return { browser, os: platform, deviceType: 'native app', summary };
}

function appleNativeApp(userAgent: string, product: Product | undefined): UserAgentDescription {
  // CFNetwork is Apple's HTTP stack on iOS and macOS alike and Darwin's version does not say
  // which; apps holding refresh tokens are far more often iPhone apps, so iOS unless told.
  const platform = /\b(?:Macintosh|macOS|Mac OS X)\b/i.test(userAgent) ? 'macOS' : 'iOS';
  const stack = /\bAlamofire\//i.test(userAgent) ? 'Alamofire' : 'CFNetwork';
  return nativeApp(platform, product, APPLE_STACKS, stack);
}

function androidNativeApp(userAgent: string, product: Product | undefined): UserAgentDescription {
  const version = /\bAndroid[ /](\d+(?:\.\d+)?)/i.exec(userAgent)?.[1];
  const platform = version ? `Android ${version}` : 'Android';
  const stack = /\bokhttp\//i.test(userAgent) ? 'okhttp' : /\bDalvik\//i.test(userAgent) ? 'Dalvik' : 'HTTP client';
  return nativeApp(platform, product, ANDROID_STACKS, stack);
}

/** A description for an app or script user agent, or `undefined` to let the browser parser try. */
export function describeNativeClient(userAgent: string): UserAgentDescription | undefined {
  if (isBrowserHeader(userAgent)) {
    return undefined;
  }
  const product = leadingProduct(userAgent);
  if (/\b(?:CFNetwork|Darwin|Alamofire)\/|\biOS[ /]\d|\b(?:iPhone|iPad)\b/i.test(userAgent)) {
    return appleNativeApp(userAgent, product);
  }
  if (/\b(?:okhttp|Dalvik)\/|\bAndroid\b/i.test(userAgent)) {
    return androidNativeApp(userAgent, product);
  }
  if (product && /^Dart$/i.test(product.name)) {
    return { browser: productText(product), deviceType: 'native app', summary: 'Flutter or Dart app' };
  }
  if (product && SCRIPT_CLIENTS.has(product.name.toLowerCase())) {
    const browser = productText(product);
    return { browser, deviceType: 'unknown', summary: `${browser} (script or server)` };
  }
  return undefined;
}

/** For a non-browser header bowser half-read: name the app it announces (or quote the header) and say no more. */
export function describeUnknownClient(userAgent: string): UserAgentDescription | undefined {
  if (isBrowserHeader(userAgent)) {
    return undefined;
  }
  const product = leadingProduct(userAgent);
  // Not a product token: the header as written (cut with a marked "…" like an app's name), never re-spelt.
  const browser = product ? productText(product) : truncateWithEllipsis(userAgent, MAX_APP_NAME_LENGTH);
  return { browser, deviceType: 'unknown', summary: `${browser} (app or script)` };
}
