// User agents of pages shown inside apps, with the summary the extension must show for each.
// Written for this corpus from each product's published header format (the app's own token,
// where it sits, how it spells its version); device models, builds and versions are plausible
// values, not copied from any log. The last family holds look-alikes bowser already reads right,
// so that a rule for an app cannot quietly take over a browser.

export type UserAgentFamily =
  | 'in-app browser'
  | 'iOS and macOS WebView'
  | 'Android WebView'
  | 'embedded runtime'
  | 'borrowed token'
  | 'read right by bowser';

export interface UserAgentCase {
  family: UserAgentFamily;
  name: string;
  userAgent: string;
  summary: string;
}

const IPHONE_17_5 = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)';

export const userAgentCorpus: readonly UserAgentCase[] = [
  // Social and messaging apps: the page opens in the app's own WebView, which appends the app's token.
  {
    family: 'in-app browser',
    name: 'Facebook on iPhone',
    userAgent: `${IPHONE_17_5} Mobile/15E148 [FBAN/FBIOS;FBAV/470.0.0.48.94;FBBV/612345678;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;FBSV/17.5;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5;FBRV/614000000]`,
    summary: 'Facebook 470.0.0 (iOS 17.5 in-app browser)',
  },
  {
    family: 'in-app browser',
    name: 'Facebook on iPad',
    userAgent: 'Mozilla/5.0 (iPad; CPU OS 16_7_8 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/465.1.0.42.109;FBBV/600111222;FBDV/iPad7,11;FBMD/iPad;FBSN/iPadOS;FBSV/16.7.8;FBSS/2;FBID/tablet;FBLC/en_GB;FBOP/5;FBRV/0]',
    summary: 'Facebook 465.1.0 (iOS 16.7 in-app browser)',
  },
  {
    family: 'in-app browser',
    name: 'Facebook on Android',
    userAgent: 'Mozilla/5.0 (Linux; Android 14; SM-S918B Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/125.0.6422.165 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/467.0.0.54.109;]',
    summary: 'Facebook 467.0.0 (Android 14 in-app browser)',
  },
  {
    family: 'in-app browser',
    name: 'Facebook Lite on Android',
    userAgent: 'Mozilla/5.0 (Linux; Android 11; SM-A125F Build/RP1A.200720.012; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/124.0.6367.113 Mobile Safari/537.36 [FBAN/EMA;FBLC/en_US;FBAV/409.0.0.11.112;]',
    summary: 'Facebook Lite 409.0.0 (Android 11 in-app browser)',
  },
  {
    family: 'in-app browser',
    name: 'Messenger on iPhone',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/MessengerForiOS;FBAV/458.0.0.38.108;FBBV/598765432;FBDV/iPhone14,5;FBMD/iPhone;FBSN/iOS;FBSV/17.4.1;FBSS/3;FBCR/;FBID/phone;FBLC/en_US;FBOP/0]',
    summary: 'Messenger 458.0.0 (iOS 17.4 in-app browser)',
  },
  {
    family: 'in-app browser',
    name: 'Messenger on Android',
    userAgent: 'Mozilla/5.0 (Linux; Android 13; Pixel 6a Build/TQ3A.230901.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/124.0.6367.179 Mobile Safari/537.36 [FB_IAB/Orca-Android;FBAV/455.0.0.44.88;]',
    summary: 'Messenger 455.0.0 (Android 13 in-app browser)',
  },
  {
    family: 'in-app browser',
    name: 'Instagram on iPhone',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 330.0.3.12.235 (iPhone14,5; iOS 17_4_1; en_US; en; scale=3.00; 1170x2532; 597813184)',
    summary: 'Instagram 330.0.3 (iOS 17.4 in-app browser)',
  },
  {
    family: 'in-app browser',
    name: 'Instagram on Android',
    userAgent: 'Mozilla/5.0 (Linux; Android 13; Pixel 7 Build/TQ3A.230805.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/124.0.6367.179 Mobile Safari/537.36 Instagram 331.0.0.37.90 Android (33/13; 420dpi; 1080x2400; Google/google; Pixel 7; panther; panther; en_US; 600817634)',
    summary: 'Instagram 331.0.0 (Android 13 in-app browser)',
  },
  {
    family: 'in-app browser',
    name: 'Threads on iPhone (its header says Barcelona)',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Barcelona 340.0.0.22.109 (iPhone16,1; iOS 17_5_1; en_US; en; scale=3.00; 1179x2556; 625432109)',
    summary: 'Threads 340.0.0 (iOS 17.5 in-app browser)',
  },
  {
    family: 'in-app browser',
    name: 'LinkedIn on iPhone',
    userAgent: `${IPHONE_17_5} Mobile/15E148 [LinkedInApp]/9.29.8476`,
    summary: 'LinkedIn 9.29.8476 (iOS 17.5 in-app browser)',
  },
  {
    family: 'in-app browser',
    name: 'LinkedIn on Android',
    userAgent: 'Mozilla/5.0 (Linux; Android 12; SM-G991B Build/SP1A.210812.016; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/123.0.6312.118 Mobile Safari/537.36 [LinkedInApp]/4.1.948',
    summary: 'LinkedIn 4.1.948 (Android 12 in-app browser)',
  },
  {
    family: 'in-app browser',
    name: 'LINE on iPhone',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Safari Line/13.16.0',
    summary: 'LINE 13.16.0 (iOS 16.6 in-app browser)',
  },
  {
    family: 'in-app browser',
    name: 'LINE on Android',
    userAgent: 'Mozilla/5.0 (Linux; Android 13; SO-51C Build/65.2.B.2.2; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/122.0.6261.119 Mobile Safari/537.36 Line/14.3.1/IAB',
    summary: 'LINE 14.3.1 (Android 13 in-app browser)',
  },
  {
    family: 'in-app browser',
    name: 'WeChat on iPhone',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49(0x18003129) NetType/WIFI Language/zh_CN',
    summary: 'WeChat 8.0.49 (iOS 17.4 in-app browser)',
  },
  {
    family: 'in-app browser',
    name: 'WeChat on Android',
    userAgent: 'Mozilla/5.0 (Linux; Android 13; V2227A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160117 MMWEBSDK/20240404 MMWEBID/6127 MicroMessenger/8.0.49.2600(0x28003133) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64',
    summary: 'WeChat 8.0.49 (Android 13 in-app browser)',
  },
  {
    family: 'in-app browser',
    name: 'WeChat on Windows',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/81.0.4044.138 Safari/537.36 NetType/WIFI MicroMessenger/7.0.20.1781(0x6700143B) WindowsWechat(0x63090a13) XWEB/9129 Flue',
    summary: 'WeChat 7.0.20 (Windows 10/11 in-app browser)',
  },
  {
    family: 'in-app browser',
    name: 'WeCom on iPhone (also sends WeChat\'s token)',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.22 MicroMessenger/7.0.1 Language/zh ColorScheme/Light',
    summary: 'WeCom 4.1.22 (iOS 17.4 in-app browser)',
  },
  {
    family: 'in-app browser',
    name: 'Snapchat on iPhone',
    userAgent: `${IPHONE_17_5} Mobile/15E148 Snapchat/13.0.0.43 (like Safari/8618.2.12.10.5, panda)`,
    summary: 'Snapchat 13.0.0 (iOS 17.5 in-app browser)',
  },
  {
    family: 'in-app browser',
    name: 'Snapchat on Android',
    userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240605.024; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.71 Mobile Safari/537.36 Snapchat/12.90.0.46 (like Safari/604.1)',
    summary: 'Snapchat 12.90.0 (Android 14 in-app browser)',
  },
  {
    family: 'in-app browser',
    name: 'TikTok on iPhone',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 musical_ly_34.1.0 JsSdk/2.0 NetType/WIFI Channel/App Store ByteLocale/en Region/US AppName/musical_ly app_version/34.1.0 WKWebView/1 BytedanceWebview/d8a21c6',
    summary: 'TikTok 34.1.0 (iOS 17.4 in-app browser)',
  },
  {
    family: 'in-app browser',
    name: 'TikTok on Android (its header says trill)',
    userAgent: 'Mozilla/5.0 (Linux; Android 12; 2201117TG Build/SKQ1.211103.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.193 Mobile Safari/537.36 trill_340203 JsSdk/1.0 NetType/WIFI Channel/googleplay AppName/trill app_version/34.2.3 ByteLocale/en ByteFullLocale/en Region/ID BytedanceWebview/d8a21c6',
    summary: 'TikTok 34.2.3 (Android 12 in-app browser)',
  },
  {
    family: 'in-app browser',
    name: 'Douyin on iPhone (its header says aweme)',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 16_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 aweme_28.5.0 JsSdk/2.0 NetType/WIFI Channel/App Store ByteLocale/zh Region/CN AppName/aweme app_version/28.5.0',
    summary: 'Douyin 28.5.0 (iOS 16.3 in-app browser)',
  },
  {
    family: 'in-app browser',
    name: 'Twitter on Android',
    userAgent: 'Mozilla/5.0 (Linux; Android 14; SM-A546B Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/125.0.6422.147 Mobile Safari/537.36 TwitterAndroid',
    summary: 'Twitter (Android 14 in-app browser)',
  },
  {
    family: 'in-app browser',
    name: 'Pinterest on iPhone',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_3_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [Pinterest/iOS]',
    summary: 'Pinterest (iOS 17.3 in-app browser)',
  },
  {
    family: 'in-app browser',
    name: 'Pinterest on Android',
    userAgent: 'Mozilla/5.0 (Linux; Android 13; moto g(60) Build/S3RIS32.41-21-3; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/124.0.6367.82 Mobile Safari/537.36 [Pinterest/Android]',
    summary: 'Pinterest (Android 13 in-app browser)',
  },
  {
    family: 'in-app browser',
    name: 'Telegram on Android',
    userAgent: 'Mozilla/5.0 (Linux; Android 14; SM-G991B Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.122 Mobile Safari/537.36 Telegram-Android/10.14.5 (Samsung SM-G991B; Android 14; SDK 34; AVERAGE)',
    summary: 'Telegram 10.14.5 (Android 14 in-app browser)',
  },
  {
    family: 'in-app browser',
    name: 'KakaoTalk on iPhone',
    userAgent: `${IPHONE_17_5} Mobile/15E148 KAKAOTALK 10.8.5`,
    summary: 'KakaoTalk 10.8.5 (iOS 17.5 in-app browser)',
  },
  {
    family: 'in-app browser',
    name: 'KakaoTalk on Android',
    userAgent: 'Mozilla/5.0 (Linux; Android 13; SM-S908N Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/125.0.6422.165 Mobile Safari/537.36 KAKAOTALK/10.8.3 (INAPP)',
    summary: 'KakaoTalk 10.8.3 (Android 13 in-app browser)',
  },
  {
    family: 'in-app browser',
    name: 'Weibo on iPhone',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 16_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Weibo (iPhone14,2__weibo__12.9.0__iphone__os16.1)',
    summary: 'Weibo 12.9.0 (iOS 16.1 in-app browser)',
  },
  {
    family: 'in-app browser',
    name: 'QQ on iPhone',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 QQ/9.0.8.617 V1_IPH_SQ_9.0.8_1_APP_A Pixel/1170 MiniAppEnable SimpleUISwitch/0 QQTheme/1000 Core/WKWebView Device/Apple(iPhone 13) NetType/WIFI QBWebViewType/1 WKType/1',
    summary: 'QQ 9.0.8 (iOS 17.2 in-app browser)',
  },
  {
    family: 'in-app browser',
    name: 'Alipay on Android (UC WebView, no wv token)',
    userAgent: 'Mozilla/5.0 (Linux; U; Android 12; zh-CN; PGJM10 Build/SP1A.210812.016) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/69.0.3497.100 UWS/3.22.2.59 Mobile Safari/537.36 AliApp(AP/10.5.36.8100) AlipayClient/10.5.36.8100 Language/zh-Hans useStatusBar/true Region/CN NebulaX/1.0.0 Ariver/1.0.0',
    summary: 'Alipay 10.5.36 (Android 12 in-app browser)',
  },
  {
    family: 'in-app browser',
    name: 'DingTalk on iPhone',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 AliApp(DingTalk/7.5.20) com.laiwang.DingTalk/31589418 Channel/201200 language/zh-Hans-CN UT4Aplus/0.0.6 WK',
    summary: 'DingTalk 7.5.20 (iOS 17.4 in-app browser)',
  },
  {
    family: 'in-app browser',
    name: 'Baidu app on Android',
    userAgent: 'Mozilla/5.0 (Linux; Android 10; HMA-AL00 Build/HUAWEIHMA-AL00; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/97.0.4692.98 Mobile Safari/537.36 T7/13.32 SP-engine/2.70.0 baiduboxapp/13.32.0.10 (Baidu; P1 10) NABar/1.0',
    summary: 'Baidu 13.32.0 (Android 10 in-app browser)',
  },
  {
    family: 'in-app browser',
    name: 'NAVER app on iPhone',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 NAVER(inapp; search; 2000; 12.6.2; 15PRO)',
    summary: 'NAVER 12.6.2 (iOS 17.4 in-app browser)',
  },
  {
    family: 'in-app browser',
    name: 'Google app on iPhone',
    userAgent: `${IPHONE_17_5} GSA/318.0.636488157 Mobile/15E148 Safari/604.1`,
    summary: 'Google app 318.0.636488157 (iOS 17.5 in-app browser)',
  },
  {
    family: 'in-app browser',
    name: 'Google app on Android',
    userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 7 Pro Build/AP2A.240605.024; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.71 Mobile Safari/537.36 GSA/15.24.29.29.arm64',
    summary: 'Google app 15.24.29 (Android 14 in-app browser)',
  },

  // iOS and macOS apps that show the page in a WKWebView: no Safari/ token, the app may append its own.
  {
    family: 'iOS and macOS WebView',
    name: 'Cordova app naming itself (project issue #10)',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 12_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Cordova/3.5.0 inWrapper ExampleApp/0.0.1',
    summary: 'ExampleApp 0.0.1 (iOS 12.4 app WebView)',
  },
  {
    family: 'iOS and macOS WebView',
    name: 'Capacitor app naming itself',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 AcmeBank/5.12.0',
    summary: 'AcmeBank 5.12.0 (iOS 17.2 app WebView)',
  },
  {
    family: 'iOS and macOS WebView',
    name: 'React Native WebView naming the app',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 16_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 ReactNativeWebView AcmeHealth/2.0.7',
    summary: 'AcmeHealth 2.0.7 (iOS 16.4 app WebView)',
  },
  {
    family: 'iOS and macOS WebView',
    name: 'app whose name holds a browser\'s word (bowser: Opera Coast)',
    userAgent: `${IPHONE_17_5} Mobile/15E148 CoastalCredit/3.1.0`,
    summary: 'CoastalCredit 3.1.0 (iOS 17.5 app WebView)',
  },
  {
    family: 'iOS and macOS WebView',
    name: 'Cordova app that does not name itself',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 15_8 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Cordova/6.3.0',
    summary: 'Cordova (iOS 15.8 app WebView)',
  },
  {
    family: 'iOS and macOS WebView',
    name: 'bare WKWebView on iPhone',
    userAgent: `${IPHONE_17_5} Mobile/15E148`,
    summary: 'iOS WebView on iOS 17.5 (mobile)',
  },
  {
    family: 'iOS and macOS WebView',
    name: 'bare WKWebView on iPad',
    userAgent: 'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
    summary: 'iOS WebView on iOS 16.6 (tablet)',
  },
  {
    family: 'iOS and macOS WebView',
    name: 'old UIWebView on iOS 9',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 9_3_5 like Mac OS X) AppleWebKit/601.1.46 (KHTML, like Gecko) Mobile/13G36',
    summary: 'iOS WebView on iOS 9.3 (mobile)',
  },
  {
    family: 'iOS and macOS WebView',
    name: 'bare WKWebView on a Mac',
    userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)',
    summary: 'macOS WebView on macOS (desktop)',
  },
  {
    family: 'iOS and macOS WebView',
    name: 'Mac app naming itself',
    userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) AcmeDesk/1.4.2',
    summary: 'AcmeDesk 1.4.2 (macOS app WebView)',
  },

  // Android System WebView: "; wv)" since Android 5, "Version/4.0 Chrome/" before it.
  {
    family: 'Android WebView',
    name: 'Nexus 6P WebView (project issue #10)',
    userAgent: 'Mozilla/5.0 (Linux; Android 8.0.0; Nexus 6P Build/OPR5.170623.011; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/64.0.3282.137 Mobile Safari/537.36',
    summary: 'Android WebView 64 on Android 8 (mobile)',
  },
  {
    family: 'Android WebView',
    name: 'Pixel 8 WebView',
    userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP1A.240505.005; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/125.0.6422.165 Mobile Safari/537.36',
    summary: 'Android WebView 125 on Android 14 (mobile)',
  },
  {
    family: 'Android WebView',
    name: 'tablet WebView',
    userAgent: 'Mozilla/5.0 (Linux; Android 13; SM-X200 Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/124.0.6367.82 Safari/537.36',
    summary: 'Android WebView 124 on Android 13 (tablet)',
  },
  {
    family: 'Android WebView',
    name: 'KitKat WebView (before the wv token)',
    userAgent: 'Mozilla/5.0 (Linux; Android 4.4.4; Nexus 5 Build/KTU84P) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/33.0.0.0 Mobile Safari/537.36',
    summary: 'Android WebView 33 on Android 4.4 (mobile)',
  },
  {
    family: 'Android WebView',
    name: 'Cordova app naming itself',
    userAgent: 'Mozilla/5.0 (Linux; Android 13; SM-A536B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/123.0.6312.99 Mobile Safari/537.36 ExampleApp/0.0.1',
    summary: 'ExampleApp 0.0.1 (Android 13 app WebView)',
  },
  {
    family: 'Android WebView',
    name: 'Capacitor app naming itself, on a tablet',
    userAgent: 'Mozilla/5.0 (Linux; Android 12; Lenovo TB-X606F Build/SP1A.210812.016; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/121.0.6167.178 Safari/537.36 AcmeField/7.1',
    summary: 'AcmeField 7.1 (Android 12 app WebView)',
  },
  {
    family: 'Android WebView',
    name: 'app whose name holds a browser\'s word (bowser: Firefox Focus)',
    userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 7a Build/AP2A.240705.005; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.134 Mobile Safari/537.36 FocusFlow/3.2',
    summary: 'FocusFlow 3.2 (Android 14 app WebView)',
  },
  {
    family: 'Android WebView',
    name: 'DuckDuckGo, a browser built on the WebView',
    userAgent: 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.122 Mobile DuckDuckGo/5 Safari/537.36',
    summary: 'DuckDuckGo 5 on Android 14 (mobile)',
  },

  // Desktop apps that embed a browser engine: Electron, CEF, WebView2, Qt WebEngine, JavaFX.
  {
    family: 'embedded runtime',
    name: 'Slack on macOS (Electron)',
    userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Slack/4.38.125 Chrome/122.0.6261.156 Electron/29.4.0 Safari/537.36 Sonic Slack_SSB/4.38.125',
    summary: 'Slack 4.38.125 (macOS Electron app)',
  },
  {
    family: 'embedded runtime',
    name: 'VS Code on Windows (Electron, "Code")',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Code/1.90.2 Chrome/122.0.6261.156 Electron/29.4.0 Safari/537.36',
    summary: 'VS Code 1.90.2 (Windows 10/11 Electron app)',
  },
  {
    family: 'embedded runtime',
    name: 'VS Code Insiders on Linux (Electron)',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Code-Insiders/1.92.0-insider Chrome/124.0.6367.243 Electron/30.1.2 Safari/537.36',
    summary: 'VS Code Insiders 1.92.0 (Linux Electron app)',
  },
  {
    family: 'embedded runtime',
    name: 'classic Teams on Windows (Electron)',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Teams/1.7.00.13456 Chrome/108.0.5359.215 Electron/22.3.27 Safari/537.36',
    summary: 'Teams 1.7.00 (Windows 10/11 Electron app)',
  },
  {
    family: 'embedded runtime',
    name: 'new Teams on Windows (WebView2, an Edge header)',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0 Teams/24152.405.2925.6762/49',
    summary: 'Teams 24152.405.2925 (Windows 10/11 desktop app)',
  },
  {
    family: 'embedded runtime',
    name: 'Discord on Windows (Electron)',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) discord/1.0.9152 Chrome/124.0.6367.243 Electron/30.2.0 Safari/537.36',
    summary: 'Discord 1.0.9152 (Windows 10/11 Electron app)',
  },
  {
    family: 'embedded runtime',
    name: 'Obsidian on macOS (Electron)',
    userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) obsidian/1.6.7 Chrome/124.0.6367.243 Electron/30.1.2 Safari/537.36',
    summary: 'Obsidian 1.6.7 (macOS Electron app)',
  },
  {
    family: 'embedded runtime',
    name: 'Postman on Windows (Electron)',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Postman/11.2.14 Chrome/120.0.6099.291 Electron/28.3.3 Safari/537.36',
    summary: 'Postman 11.2.14 (Windows 10/11 Electron app)',
  },
  {
    family: 'embedded runtime',
    name: 'Cypress test runner on Linux (Electron)',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Cypress/13.13.0 Chrome/118.0.5993.159 Electron/27.3.10 Safari/537.36',
    summary: 'Cypress 13.13.0 (Linux Electron app)',
  },
  {
    family: 'embedded runtime',
    name: 'Spotify on Windows (CEF, no Chrome token)',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Spotify/1.2.42.290 Safari/537.36',
    summary: 'Spotify 1.2.42 (Windows 10/11 desktop app)',
  },
  {
    family: 'embedded runtime',
    name: 'Steam client on Windows (CEF)',
    userAgent: 'Mozilla/5.0 (Windows; U; Windows NT 10.0; en-US; Valve Steam Client/default/1718143134; ) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.183 Safari/537.36',
    summary: 'Steam (Windows 10/11 desktop app)',
  },
  {
    family: 'embedded runtime',
    name: 'Epic Games Launcher on Windows (CEF)',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) EpicGamesLauncher/16.9.0-34567890+++Portal+Release-Live UnrealEngine/4.27.0-34567890+++Portal+Release-Live Chrome/90.0.4430.212 Safari/537.36',
    summary: 'Epic Games Launcher 16.9.0 (Windows 10/11 desktop app)',
  },
  {
    family: 'embedded runtime',
    name: 'OBS Studio browser source on Windows (CEF)',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/103.0.5060.134 Safari/537.36 OBS/30.1.2',
    summary: 'OBS Studio 30.1.2 (Windows 10/11 desktop app)',
  },
  {
    family: 'embedded runtime',
    name: 'Qt WebEngine on Linux',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) QtWebEngine/6.5.3 Chrome/108.0.5359.220 Safari/537.36',
    summary: 'Qt WebEngine 6.5.3 (Linux desktop app)',
  },
  {
    family: 'embedded runtime',
    name: 'JavaFX WebView on Windows (a Safari header)',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/605.1.15 (KHTML, like Gecko) JavaFX/17 Safari/605.1.15',
    summary: 'JavaFX WebView 17 (Windows 10/11 desktop app)',
  },

  // Browsers whose header carries another product's token, which bowser reads instead.
  {
    family: 'borrowed token',
    name: 'Opera Mini on Android (Presto Version/12.16)',
    userAgent: 'Opera/9.80 (Android; Opera Mini/74.0.2254/191.303; U; en) Presto/2.12.423 Version/12.16',
    summary: 'Opera Mini 74 on Android (mobile)',
  },
  {
    family: 'borrowed token',
    name: 'Huawei Browser (a Chrome token)',
    userAgent: 'Mozilla/5.0 (Linux; Android 10; HarmonyOS; ANA-AN00; HMSCore 6.13.0.302) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0.5735.196 HuaweiBrowser/14.0.6.300 Mobile Safari/537.36',
    summary: 'Huawei Browser 14 on Android 10 (mobile)',
  },
  {
    family: 'borrowed token',
    name: 'Meta Quest Browser (a SamsungBrowser/4.0 token)',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64; Quest 3) AppleWebKit/537.36 (KHTML, like Gecko) OculusBrowser/33.0.0.9.66 SamsungBrowser/4.0 Chrome/126.0.6478.122 VR Safari/537.36',
    summary: 'Meta Quest Browser 33 on Horizon OS',
  },
  {
    family: 'borrowed token',
    name: 'headless Chrome (Puppeteer, Playwright)',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.6478.126 Safari/537.36',
    summary: 'Headless Chrome 126 on Linux (desktop)',
  },
  {
    family: 'borrowed token',
    name: 'PlayStation 5 browser (Safari Version/13.0)',
    userAgent: 'Mozilla/5.0 (PlayStation; PlayStation 5/2.26) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.0 Safari/605.1.15',
    summary: 'PlayStation browser on PlayStation 5 (TV)',
  },

  // Look-alikes bowser reads right: the rules above must leave them alone.
  {
    family: 'read right by bowser',
    name: 'SFSafariViewController and Safari on iPhone',
    userAgent: `${IPHONE_17_5} Version/17.5 Mobile/15E148 Safari/604.1`,
    summary: 'Safari 17.5 on iOS 17.5 (mobile)',
  },
  {
    family: 'read right by bowser',
    name: 'Chrome on iPhone',
    userAgent: `${IPHONE_17_5} CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1`,
    summary: 'Chrome 126 on iOS 17.5 (mobile)',
  },
  {
    family: 'read right by bowser',
    name: 'Firefox on iPhone',
    userAgent: `${IPHONE_17_5} FxiOS/127.0 Mobile/15E148 Safari/605.1.15`,
    summary: 'Firefox 127 on iOS 17.5 (mobile)',
  },
  {
    family: 'read right by bowser',
    name: 'Edge on iPhone',
    userAgent: `${IPHONE_17_5} Version/17.0 EdgiOS/126.2592.56 Mobile/15E148 Safari/605.1.15`,
    summary: 'Edge 126.2592 on iOS 17.5 (mobile)',
  },
  {
    family: 'read right by bowser',
    name: 'DuckDuckGo on iPhone',
    userAgent: `${IPHONE_17_5} Version/17.5 Mobile/15E148 Safari/604.1 Ddg/17.5`,
    summary: 'DuckDuckGo 17.5 on iOS 17.5 (mobile)',
  },
  {
    family: 'read right by bowser',
    name: 'Samsung Internet',
    userAgent: 'Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
    summary: 'Samsung Internet 25 on Android 14 (mobile)',
  },
  {
    family: 'read right by bowser',
    name: 'Edge on Android',
    userAgent: 'Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36 EdgA/126.0.2592.61',
    summary: 'Edge 126 on Android 14 (mobile)',
  },
  {
    family: 'read right by bowser',
    name: 'Android stock browser (its own Version/4.0)',
    userAgent: 'Mozilla/5.0 (Linux; U; Android 4.0.3; ko-kr; LG-L160L Build/IML74K) AppleWebkit/534.30 (KHTML, like Gecko) Version/4.0 Mobile Safari/534.30',
    summary: 'Android Browser 4 on Android 4 (mobile)',
  },
  {
    family: 'read right by bowser',
    name: 'MIUI browser (Version/4.0 Chrome/ and its own token)',
    userAgent: 'Mozilla/5.0 (Linux; U; Android 13; en-us; 22101316G Build/TP1A.220624.014) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/112.0.5615.136 Mobile Safari/537.36 XiaoMi/MiuiBrowser/14.11.1-gn',
    summary: 'Miui 14.11 on Android 13 (mobile)',
  },
  {
    family: 'read right by bowser',
    name: 'UC Browser (Version/4.0 Chrome/ and its own token)',
    userAgent: 'Mozilla/5.0 (Linux; U; Android 11; en-US; RMX2030 Build/RKQ1.201217.002) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/100.0.4896.58 UCBrowser/13.4.0.1306 Mobile Safari/537.36',
    summary: 'UC Browser 13.4 on Android 11 (mobile)',
  },
  {
    family: 'read right by bowser',
    name: 'Amazon Silk on a Fire tablet',
    userAgent: 'Mozilla/5.0 (Linux; Android 9; KFTRWI) AppleWebKit/537.36 (KHTML, like Gecko) Silk/126.3.3 like Chrome/126.0.6478.153 Safari/537.36',
    summary: 'Amazon Silk 126.3 on Android 9 (tablet)',
  },
  {
    family: 'read right by bowser',
    name: 'Firefox on Android',
    userAgent: 'Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0',
    summary: 'Firefox 128 on Android 14 (mobile)',
  },
  {
    family: 'read right by bowser',
    name: 'Opera on Windows',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 OPR/112.0.0.0',
    summary: 'Opera 112 on Windows 10/11 (desktop)',
  },
  {
    family: 'read right by bowser',
    name: 'Opera 12 (Presto) on Windows 7',
    userAgent: 'Opera/9.80 (Windows NT 6.1; WOW64) Presto/2.12.388 Version/12.18',
    summary: 'Opera 12.18 on Windows 7 (desktop)',
  },
  {
    family: 'read right by bowser',
    name: 'Yandex Browser on Windows',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 YaBrowser/24.6.0.0 Safari/537.36',
    summary: 'Yandex Browser 24.6 on Windows 10/11 (desktop)',
  },
  {
    family: 'read right by bowser',
    name: 'Chrome on ChromeOS',
    userAgent: 'Mozilla/5.0 (X11; CrOS x86_64 15886.44.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
    summary: 'Chrome 126 on Chrome OS (desktop)',
  },
  {
    family: 'read right by bowser',
    name: 'Electron app that does not name itself',
    userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.127 Electron/31.2.0 Safari/537.36',
    summary: 'Electron 31.2 on macOS (desktop)',
  },
  {
    family: 'read right by bowser',
    name: 'Edge on Windows',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87',
    summary: 'Edge 126 on Windows 10/11 (desktop)',
  },
];
