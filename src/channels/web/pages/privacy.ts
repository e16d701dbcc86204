import { html } from '../../../platform/html/html.js';
import { WEB } from '../../../platform/i18n/web-messages.js';
import { type PortalPage, paragraphs } from './frame.js';

/** The full privacy notice (LGPDPPSO "aviso integral"), public: readable before anyone signs in. */
export function privacyPage(signedIn: boolean): PortalPage {
  const t = WEB.privacy.full;
  return {
    title: t.title,
    main: html`<h1>${t.title}</h1>
<p class="lead">${t.intro}</p>
${t.sections.map(
  (section) => html`<h2>${section.heading}</h2>
${paragraphs(section.body)}`,
)}
${signedIn ? html`<p><a href="/mis-datos">${t.myData}</a></p>` : ''}
<p class="muted">${t.updated}</p>`,
  };
}
