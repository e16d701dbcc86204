import { errorSummary, type FieldError } from '../../../platform/html/components.js';
import { type HtmlValue, html } from '../../../platform/html/html.js';
import type { ConsolePage } from './frame.js';

/**
 * A unit administrator's page with forms: the error summary (422 when there are errors), what was
 * just done, the title, the unit and the page's introduction, then its own content.
 */
export function unitFormsPage(v: {
  title: string;
  unit: { clues: string; name: string };
  intro: string;
  errors: readonly FieldError[];
  done?: string;
  body: HtmlValue;
}): ConsolePage {
  return {
    title: v.title,
    status: v.errors.length ? 422 : 200,
    hasErrors: v.errors.length > 0,
    main: html`${errorSummary(v.errors)}
${v.done ? html`<div class="panel" role="status"><p>${v.done}</p></div>` : ''}
<h1>${v.title}</h1>
<p>${v.unit.name} (${v.unit.clues})</p>
<p>${v.intro}</p>
${v.body}`,
  };
}
