import { WEB_COMMON } from '../i18n/web-messages.js';
import { type HtmlValue, html, type SafeHtml } from './html.js';

export interface PageFrame {
  /** What the page is about; becomes "<title> – Citas ISSSTE", with "Error: " first when a form failed. */
  title: string;
  hasErrors?: boolean;
  /** Where the header's service name links to. */
  homeHref: string;
  stylesheetHref: string;
  /** Links at the top right (e.g. "Mis citas", "Salir"), already rendered. */
  nav?: HtmlValue;
  /** A back link or similar, first in main (inside the landmark, so nothing is left outside one). */
  before?: HtmlValue;
  main: HtmlValue;
  /** Links after the footer's text (e.g. the privacy notice). */
  footerLinks?: HtmlValue;
}

/** The whole document: Spanish, a skip link, one h1 in main (the page's job), no scripts or fonts. */
export function page(frame: PageFrame): SafeHtml {
  const title = `${frame.hasErrors ? `${WEB_COMMON.errorPrefix} ` : ''}${frame.title} – ${WEB_COMMON.titleSuffix}`;
  return html`<!doctype html>
<html lang="es-MX">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${frame.stylesheetHref}">
</head>
<body>
<a class="skip-link" href="#contenido">${WEB_COMMON.skipLink}</a>
<header class="site-header">
<div class="width">
<a class="site-name" href="${frame.homeHref}">${WEB_COMMON.siteName}</a>
${frame.nav ? html`<nav class="site-nav" aria-label="${WEB_COMMON.navLabel}">${frame.nav}</nav>` : ''}
</div>
</header>
<div class="width">
<main id="contenido" tabindex="-1">
${frame.before ?? ''}
${frame.main}
</main>
</div>
<footer class="site-footer"><div class="width"><p>${WEB_COMMON.footer}</p>${frame.footerLinks ? html`<p>${frame.footerLinks}</p>` : ''}</div></footer>
</body>
</html>
`;
}
