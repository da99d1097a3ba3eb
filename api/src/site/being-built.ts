import type { Response } from "express";
import { setPortalSecurityHeaders } from "./headers.js";

/** Seconds before the placeholder reloads itself (a <meta> refresh: no script under the CSP). */
const RELOAD_SECONDS = 5;

/**
 * What every portal path answers before the first build is in place: 503 with Retry-After, in
 * Arabic, English and French, without script or style (the CSP allows neither inline).
 */
const PAGE = `<!doctype html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${RELOAD_SECONDS}">
<meta name="robots" content="noindex">
<title>START</title>
</head>
<body>
<main>
<section lang="ar" dir="rtl">
<h1>جارٍ تجهيز موقع START</h1>
<p>يُبنى الموقع الآن من أحدث البيانات. سيُعاد تحميل هذه الصفحة تلقائيًا بعد لحظات.</p>
</section>
<section lang="en" dir="ltr">
<h1>START is being prepared</h1>
<p>The site is being built from the latest data. This page will reload by itself in a few moments.</p>
</section>
<section lang="fr" dir="ltr">
<h1>START est en cours de préparation</h1>
<p>Le site est en train d’être construit à partir des dernières données. Cette page se rechargera d’elle-même dans quelques instants.</p>
</section>
</main>
</body>
</html>
`;

export function sendBeingBuilt(response: Response): void {
  setPortalSecurityHeaders(response);
  response
    .status(503)
    .setHeader("Retry-After", String(RELOAD_SECONDS))
    .setHeader("Cache-Control", "no-store")
    .type("html")
    .send(PAGE);
}
