/**
 * Script-injection payloads for the XSS test (tests/browser/xss.test.ts). Every payload that could
 * run sets `window.__xss` to its own name (or opens a dialog), so a single check finds any that
 * ran; the markers outside scripts (`xss-…`) find any that became markup.
 */

/** Text a person could type into any text field: tags, event handlers, attribute and context breakouts, bidi tricks. */
export const TEXT_PAYLOADS = [
  `<script>window.__xss="script"</script>`,
  `<img src=x onerror="window.__xss='img'">`,
  `"><img src=x onerror=window.__xss='dq'>`,
  `'><svg onload=window.__xss='sq'>`,
  `<svg/onload=alert('svg')>`,
  `</title><script>window.__xss='title'</script>`,
  `</script><script>window.__xss='json'</script>`,
  `<iframe srcdoc="<script>parent.__xss='srcdoc'</script>">`,
  `<a id=xss-link href="javascript:window.__xss='href'">x</a>`,
  `<details open ontoggle=window.__xss='toggle'>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=window.__xss='mxss'>`,
  `<noscript><p title="</noscript><img src=x onerror=window.__xss='noscript'>">`,
  `" autofocus onfocus="window.__xss='attr'" x="`,
  `<object data="javascript:window.__xss='object'">`,
  `<meta http-equiv=refresh content="0;url=javascript:window.__xss='meta'">`,
  `<base href="//evil.example/">`,
  `<style>@import "//evil.example/x.css"</style>`,
  `{{constructor.constructor('window.__xss="tpl"')()}}`,
  `\${window.__xss='tpl2'}`,
  `&lt;script&gt;window.__xss='entity'&lt;/script&gt;`,
  `javascript:window.__xss='scheme'`,
  `\u202e<script>window.__xss='rlo'</script>\u202c`,
  `\u2067"><img src=x onerror=window.__xss='rli'>\u2069`,
  `عيادة <img src=x onerror=alert('ar')> 🏥`,
];

/** Markdown bodies (rights articles): links and images with unsafe schemes, raw HTML, reference links, entity tricks. */
export const MARKDOWN_PAYLOADS = [
  `[md-js](javascript:window.__xss='md1')`,
  `[md-js-case](JaVaScRiPt:window.__xss='md2')`,
  `[md-entity](java&#115;cript:window.__xss='md3')`,
  `[md-hex](&#x6A;avascript:window.__xss='md4')`,
  `[md-space](  javascript:window.__xss='md5')`,
  `[md-data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9J21kNic8L3NjcmlwdD4=)`,
  `[md-vb](vbscript:msgbox(1))`,
  `<javascript:window.__xss='md7'>`,
  `![md-img](x" onerror="window.__xss='md8')`,
  `![md-img2](javascript:window.__xss='md9')`,
  `[md-ref][r]\n\n[r]: javascript:window.__xss='md10'`,
  `<script>window.__xss='md11'</script>`,
  `<a href="javascript:window.__xss='md12'">md-raw</a>`,
  `<img src=x onerror="window.__xss='md13'">`,
  `[md-title](https://example.org "\\"><img src=x onerror=window.__xss='md14'>")`,
  "```html\n<script>window.__xss='md15'</script>\n```",
];

/** Links the API must refuse in every URL field: scripts, data, other schemes, no scheme at all. */
export const UNSAFE_URLS = [
  "javascript:window.__xss='url1'",
  "JavaScript:window.__xss='url2'",
  " javascript:window.__xss='url3'",
  "java\tscript:window.__xss='url4'",
  "javascript://example.org/%0Awindow.__xss='url5'",
  "data:text/html,<script>window.__xss='url6'</script>",
  "vbscript:msgbox(1)",
  "file:///etc/passwd",
  "//evil.example/",
  "\u0001javascript:window.__xss='url7'",
];

/** Web links the API accepts (http/https) that try to break out of the attribute they are written into. */
export const HOSTILE_WEB_URLS = [
  `https://example.org/"><script>window.__xss='wurl1'</script>`,
  `https://example.org/?q='><svg onload=window.__xss='wurl2'>`,
  `https://example.org/#" onmouseover="window.__xss='wurl3'`,
];

/** Links a service's own link field accepts (http, https, tel, mailto) that try to break out of the href. */
export const HOSTILE_LINKS = [
  `tel:+218912345678"><img src=x onerror=window.__xss='tel'>`,
  `mailto:x@example.org"><svg onload=window.__xss='mailto'>`,
  ...HOSTILE_WEB_URLS,
];

/** E-mail addresses the API may accept (no spaces) that try the same in a mailto: link. */
export const HOSTILE_EMAILS = [`"><svg/onload=window.__xss='mail1'>@example.org`, `x'onfocus='window.__xss=2'@example.org`];

/** The URL schemes a link or a source may have on START's pages (anything else is unsafe). */
export const SAFE_SCHEMES = ["http:", "https:", "mailto:", "tel:", "sms:", "geo:"];
