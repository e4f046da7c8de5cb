// Pages shown inside an app rather than in a browser. Hybrid and native apps exchange refresh
// tokens from a WebView, and social apps open links (and logins) in their own in-app browser;
// Electron and CEF apps embed Chromium on the desktop. Their headers are a browser's header with
// the app's token added ("[FBAN/FBIOS;FBAV/470.0…]", "Slack/4.38 … Electron/29.4") or with the
// browser's token missing (iOS WKWebView has no "Safari/"), so bowser names the browser they look
// like: "Safari on iOS" for a Cordova app, "Chrome" for the Android System WebView. These rules
// read the app's own token and leave the operating system and device to bowser. They never import
// the parser (userAgent.ts imports them), and they take plain strings, not bowser's types, so the
// parser can later move into a bundle of its own.

import { shortVersion, appText, appVersion, type DeviceType } from './userAgentDescription';

/** How an app holds the page; the words follow the platform in the summary: "(iOS 17.5 in-app browser)". */
export type EmbeddingKind = 'in-app browser' | 'app WebView' | 'Electron app' | 'desktop app';

export interface EmbeddedBrowser {
  /** The app, or the engine when no app is named, with its version: "Facebook 470.0.0", "Android WebView 64". */
  product: string;
  /** How the app holds the page; absent when `product` is a browser in its own right ("Headless Chrome 126"). */
  kind?: EmbeddingKind;
  /** Set only where the header misleads the parser about the platform too ("Meta Quest Browser"). */
  os?: string;
  deviceType?: DeviceType;
}

/** A rule reads the app's name (group `app`, looked up in `names`) or takes `name`, and the version (group `version`). */
interface AppRule {
  pattern: RegExp;
  name?: string;
  names?: Record<string, string>;
  /** Browsers' versions are shortened ("Android WebView 64"); an app's are kept as it numbers them. */
  version?: 'app' | 'browser';
}

/** Social, messaging and search apps that open pages in their own WebView, by the token each appends. */
const IN_APP_BROWSERS: readonly AppRule[] = [
  {
    // Meta's apps share one token: FBAN (iOS) or FB_IAB (Android) names the app, FBAV its version.
    pattern: /\[FB(?:AN|_IAB)\/(?<app>[^;\]]{1,40})(?:[^\]]*?;FBAV\/(?<version>\d[\d.]*))?/,
    names: { FBIOS: 'Facebook', FB4A: 'Facebook', EMA: 'Facebook Lite', MessengerForiOS: 'Messenger', 'Orca-Android': 'Messenger', MessengerLiteForiOS: 'Messenger Lite' },
    name: 'Facebook',
  },
  { pattern: /\bInstagram[ /](?<version>\d[\d.]*)/, name: 'Instagram' },
  // Threads' codename; the header carries it like Instagram's, followed by the device in brackets.
  { pattern: /\bBarcelona (?<version>\d[\d.]*) \(/, name: 'Threads' },
  { pattern: /\[?LinkedInApp\]?(?:\/(?<version>\d[\d.]*))?/, name: 'LinkedIn' },
  // Case matters: "Line/" is the app, "line" appears in crawler names.
  { pattern: /\bLine\/(?<version>\d[\d.]*)/, name: 'LINE' },
  // WeCom (WeChat Work) also sends WeChat's MicroMessenger token, so it goes first.
  { pattern: /\bwxwork\/(?<version>\d[\d.]*)/i, name: 'WeCom' },
  { pattern: /\bMicroMessenger\/(?<version>\d[\d.]*)/i, name: 'WeChat' },
  { pattern: /\bSnapchat\/(?<version>\d[\d.]*)/i, name: 'Snapchat' },
  // ByteDance's apps name themselves by internal app name; "trill" is TikTok in some regions.
  {
    pattern: /\bAppName\/(?<app>musical_ly|trill|aweme)\b(?:.*?\bapp_version\/(?<version>\d[\d.]*))?/,
    names: { musical_ly: 'TikTok', trill: 'TikTok', aweme: 'Douyin' },
  },
  { pattern: /\bTwitter(?:Android| for iPhone)\b/, name: 'Twitter' },
  { pattern: /\[Pinterest\/(?:iOS|Android)\]/, name: 'Pinterest' },
  { pattern: /\bTelegram-(?:Android|iOS)\/(?<version>\d[\d.]*)/, name: 'Telegram' },
  { pattern: /\bKAKAOTALK[ /](?<version>\d[\d.]*)/i, name: 'KakaoTalk' },
  { pattern: /__weibo__(?<version>\d[\d.]*)/, name: 'Weibo' },
  // "QQ/" is the QQ app; bowser's "QQ Browser" is MQQBrowser, which the QQ app's header may also carry.
  { pattern: /\bQQ\/(?<version>\d[\d.]*)/, name: 'QQ' },
  { pattern: /\bAlipayClient\/(?<version>\d[\d.]*)/, name: 'Alipay' },
  { pattern: /\bDingTalk\/(?<version>\d[\d.]*)/, name: 'DingTalk' },
  { pattern: /\bbaiduboxapp\/(?<version>\d[\d.]*)/i, name: 'Baidu' },
  { pattern: /\bNAVER\(inapp;[^)]{0,60}?(?<version>\d+\.\d+\.\d+)/, name: 'NAVER' },
  // The Google app; bowser calls it "Google Search" on iOS and misses it behind "Chrome/" on Android.
  { pattern: /\bGSA\/(?<version>\d[\d.]*)/, name: 'Google app' },
];

/** Electron puts the app's name (spaces removed) and version just before "Chrome/…": "Slack/4.38.125 Chrome/122… Electron/29.4.0". */
const ELECTRON_APP = /\(KHTML, like Gecko\) (?<app>[^\s/()]+)\/(?<version>\S+) Chrome\/[\d.]+ Electron\/\d/;

/** Names Electron apps give themselves that a reader would not recognise. */
const ELECTRON_APP_NAMES: Record<string, string> = {
  Code: 'VS Code',
  'Code-Insiders': 'VS Code Insiders',
  discord: 'Discord',
  obsidian: 'Obsidian',
};

/** Desktop apps on CEF, WebView2, Qt WebEngine or JavaFX whose header names the app or the engine. */
const DESKTOP_APPS: readonly AppRule[] = [
  // New Teams (WebView2) sends Edge's header with its own token appended.
  { pattern: /\bTeams\/(?<version>\d[\d.]*)/, name: 'Teams' },
  { pattern: /\bSpotify\/(?<version>\d[\d.]*)/, name: 'Spotify' },
  { pattern: /\bValve Steam (?:Client|GameOverlay)\b/, name: 'Steam' },
  { pattern: /\bEpicGamesLauncher\/(?<version>\d[\d.]*)/, name: 'Epic Games Launcher' },
  { pattern: /\bOBS\/(?<version>\d[\d.]*)/, name: 'OBS Studio' },
  { pattern: /\bQtWebEngine\/(?<version>\d[\d.]*)/, name: 'Qt WebEngine' },
  { pattern: /\bJavaFX\/(?<version>\d[\d.]*)/, name: 'JavaFX WebView' },
];

/** Browsers whose header carries another product's token, which the parser reads instead. */
const MISREAD_BROWSERS: readonly (AppRule & { os?: string; deviceType?: DeviceType })[] = [
  { pattern: /\bHeadlessChrome\/(?<version>\d[\d.]*)/, name: 'Headless Chrome', version: 'browser' },
  { pattern: /\bHuaweiBrowser\/(?<version>\d[\d.]*)/, name: 'Huawei Browser', version: 'browser' },
  // Presto's "Version/12.16" is not Opera Mini's version.
  { pattern: /\bOpera Mini\/(?<version>\d[\d.]*)/, name: 'Opera Mini', version: 'browser' },
  // Built on the Android WebView, with "Version/4.0 Chrome/": its own token sits before "Safari/".
  { pattern: /\bDuckDuckGo\/(?<version>\d[\d.]*)/, name: 'DuckDuckGo', version: 'browser' },
  // "SamsungBrowser/4.0" is kept for old sites; the header's "X11; Linux" is not the headset's system.
  { pattern: /\bOculusBrowser\/(?<version>\d[\d.]*)/, name: 'Meta Quest Browser', version: 'browser', os: 'Horizon OS', deviceType: 'unknown' },
  // Safari's "Version/13.0" without Safari.
  { pattern: /\bPlayStation 5\b/, name: 'PlayStation browser', os: 'PlayStation 5', deviceType: 'tv' },
];

/** Products a hybrid app's WebView may carry that name the framework or the engine, not the app. */
const NOT_THE_APP = new Set(['mobile', 'version', 'cordova', 'capacitor', 'ionic', 'applewebkit', 'safari']);
const FRAMEWORKS: Record<string, string> = { cordova: 'Cordova', capacitor: 'Capacitor', ionic: 'Ionic' };

/** What bowser calls a header it recognises only by its engine: the WebView rules may replace these. */
const GENERIC_READINGS = new Set(['Chrome', 'Chromium', 'Safari', 'Android Browser']);

function applyRule(rule: AppRule, userAgent: string): string | undefined {
  const match = rule.pattern.exec(userAgent);
  if (!match) {
    return undefined;
  }
  const { app, version } = match.groups ?? {};
  const name = (app !== undefined ? rule.names?.[app] : undefined) ?? rule.name ?? app;
  return name === undefined ? undefined : appText(name, rule.version === 'browser' ? shortVersion(version) : appVersion(version));
}

/** `name/version` products of a header's tail, in order. */
function products(text: string): { name: string; version: string }[] {
  return [...text.matchAll(/(?:^|\s)([^\s/()[\];]+)\/(\S+)/g)].map((match) => ({ name: match[1], version: match[2] }));
}

/** The app a hybrid app's WebView names after the engine's tokens, or the framework when only that is named. */
function hybridApp(tail: string): string | undefined {
  const named = products(tail);
  const app = named.find((product) => !NOT_THE_APP.has(product.name.toLowerCase()));
  if (app) {
    return appText(app.name, appVersion(app.version));
  }
  return named.map((product) => FRAMEWORKS[product.name.toLowerCase()]).find((framework) => framework !== undefined);
}

function androidWebView(userAgent: string, readingIsGeneric: boolean): EmbeddedBrowser | undefined {
  if (!/\bAndroid\b/.test(userAgent)) {
    return undefined;
  }
  // "; wv)" marks the System WebView since Android 5. Before it only "Version/4.0 Chrome/" did,
  // which browsers built on a WebView (UC, MIUI) send too: that one counts only when the parser
  // found no browser of its own.
  const wv = /; wv\)/.test(userAgent);
  if (!wv && !(readingIsGeneric && /\bVersion\/[\d.]+ Chrome\//.test(userAgent))) {
    return undefined;
  }
  // A hybrid app's name follows the engine's tokens; it wins over a parser that took a word of
  // it for a browser ("FocusFlow/3.2" read as Firefox Focus).
  const afterSafari = /\bSafari\/[\d.]+ (.*)$/.exec(userAgent)?.[1];
  const app = afterSafari === undefined ? undefined : hybridApp(afterSafari);
  if (app) {
    return { product: app, kind: 'app WebView' };
  }
  if (!readingIsGeneric) {
    return undefined;
  }
  const chrome = /\bChrome\/(\d[\d.]*)/.exec(userAgent)?.[1];
  return { product: appText('Android WebView', shortVersion(chrome)) };
}

function appleWebView(userAgent: string): EmbeddedBrowser | undefined {
  // WKWebView (and UIWebView before it) sends Safari's header without "Safari/" and "Version/".
  // Every browser on iOS is WebKit and keeps "Safari/", so its absence decides, whatever the
  // parser made of the app's name ("CoastalCredit/3.1" read as Opera Coast).
  if (!/\bAppleWebKit\//.test(userAgent) || /\bSafari\//.test(userAgent)) {
    return undefined;
  }
  const platform = /\b(?:iPhone|iPad|iPod)\b/.test(userAgent) ? 'iOS' : /\bMacintosh\b/.test(userAgent) ? 'macOS' : undefined;
  if (!platform) {
    return undefined;
  }
  const tail = /\(KHTML, like Gecko\)(.*)$/.exec(userAgent)?.[1] ?? '';
  const app = hybridApp(tail);
  return app ? { product: app, kind: 'app WebView' } : { product: `${platform} WebView` };
}

/**
 * The app or engine behind a browser-like header, when the header says more than a browser
 * parser reads: in-app browsers of social and messaging apps (Facebook, Instagram, WeChat,
 * TikTok…), iOS/macOS WKWebViews and Android System WebViews (with the hybrid app's own name when
 * it appends one), Electron, CEF, WebView2, Qt and JavaFX desktop apps, and browsers whose header
 * carries another browser's token (Opera Mini, Huawei Browser, Meta Quest Browser, Headless Chrome).
 *
 * Takes the header (already trimmed and bounded by the caller) and the browser name the parser
 * read (`undefined` when it read none); an Android WebView without an app's name is reported
 * only when that reading is generic ("Chrome"), so a browser the parser names (UC Browser, MIUI
 * Browser) stays as read. Returns `undefined` when the header is an ordinary browser's. Never throws.
 * The formats are the products' own (Meta's FBAN/FBAV, Electron's `app.getName()` token, the
 * Android WebView's "; wv"); no Auth0 document is involved.
 */
export function identifyEmbeddedBrowser(userAgent: string, parsedBrowserName: string | undefined): EmbeddedBrowser | undefined {
  for (const rule of IN_APP_BROWSERS) {
    const product = applyRule(rule, userAgent);
    if (product) {
      return { product, kind: 'in-app browser' };
    }
  }
  const electron = ELECTRON_APP.exec(userAgent)?.groups;
  if (electron && electron.app !== 'Electron') {
    return { product: appText(ELECTRON_APP_NAMES[electron.app] ?? electron.app, appVersion(electron.version)), kind: 'Electron app' };
  }
  for (const rule of DESKTOP_APPS) {
    const product = applyRule(rule, userAgent);
    if (product) {
      return { product, kind: 'desktop app' };
    }
  }
  for (const rule of MISREAD_BROWSERS) {
    const product = applyRule(rule, userAgent);
    if (product) {
      return { product, os: rule.os, deviceType: rule.deviceType };
    }
  }
  const readingIsGeneric = parsedBrowserName === undefined || GENERIC_READINGS.has(parsedBrowserName);
  return androidWebView(userAgent, readingIsGeneric) ?? appleWebView(userAgent);
}
