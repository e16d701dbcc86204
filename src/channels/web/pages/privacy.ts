import { html } from '../../../platform/html/html.js';
import { WEB } from '../../../platform/i18n/web-messages.js';
import { type PortalPage, paragraphs } from './frame.js';

/**
 * The full privacy notice (LGPDPPSO "aviso integral"), public: readable before anyone signs in.
 * Long web addresses in it may break anywhere, so nothing scrolls sideways on a narrow phone.
 */
export function privacyPage(signedIn: boolean): PortalPage {
  const t = WEB.privacy.full;
  const sections = t.sections.map(
    (section) => html`<h2>${section.heading}</h2>
${paragraphs(section.body)}`,
  );
  return {
    title: t.title,
    main: html`<h1>${t.title}</h1>
<p class="lead">${t.intro}</p>
<div class="wrap-anywhere">${sections}</div>
${signedIn ? html`<p><a href="/mis-datos">${t.myData}</a></p>` : ''}
<p class="muted">${t.updated}</p>`,
  };
}
