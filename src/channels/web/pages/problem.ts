import { type HtmlValue, html, type SafeHtml } from '../../../platform/html/html.js';
import { type PortalPage, paragraphs } from './frame.js';

export interface ProblemPage {
  status: number;
  code: string;
  title: string;
  body: readonly string[];
  /** The next step: links or buttons. */
  next?: HtmlValue;
  extra?: HtmlValue;
}

/** A refusal told plainly: what happened, then what to do next. */
export function problemPage(p: ProblemPage): PortalPage {
  const main: SafeHtml = html`<h1>${p.title}</h1>
${paragraphs(p.body)}
${p.extra ?? ''}
${p.next ? html`<div class="button-group">${p.next}</div>` : ''}`;
  return { title: p.title, status: p.status, errorCode: p.code, main };
}
