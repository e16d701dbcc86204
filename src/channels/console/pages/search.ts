import { errorSummary } from '../../../platform/html/components.js';
import { html } from '../../../platform/html/html.js';
import { CONSOLE } from '../../../platform/i18n/console-messages.js';
import type { Beneficiary } from '../../../registry/beneficiaries.js';
import type { ConsolePage } from './frame.js';
import { eligibility } from './person.js';

/** The console's start: the search box has the cursor; `tooShort` after an empty search. */
export function searchHomePage(tooShort = false): ConsolePage {
  const t = CONSOLE.search;
  return {
    title: t.title,
    focusSearch: true,
    status: tooShort ? 400 : 200,
    hasErrors: tooShort,
    errorCode: tooShort ? 'SEARCH_TOO_SHORT' : undefined,
    main: html`${tooShort ? errorSummary([{ field: 'q', message: t.tooShort }]) : ''}
<h1>${t.title}</h1>
<p class="hint wrap-anywhere">${t.hint}</p>`,
  };
}

export function searchResultsPage(
  query: string,
  found: Beneficiary[],
  eligibleNow: (b: Beneficiary) => boolean,
): ConsolePage {
  const t = CONSOLE.search;
  if (found.length === 0) {
    return {
      title: t.resultsTitle(query),
      query,
      focusSearch: true,
      main: html`<h1>${t.resultsTitle(query)}</h1><p>${t.none}</p>`,
    };
  }
  // The first result takes the focus: Enter opens it, Tab moves down the list.
  const rows = found.map(
    (b, i) => html`<tr>
<td><a href="/consola/personas/${b.id}"${i === 0 ? html` autofocus` : ''}>${b.givenNames} ${b.firstSurname} ${b.secondSurname}</a></td>
<td class="mono">${b.curp}</td>
<td>${b.unitClues}</td>
<td>${eligibility(b, eligibleNow(b))}</td>
</tr>`,
  );
  return {
    title: t.resultsTitle(query),
    query,
    main: html`<h1>${t.resultsTitle(query)}</h1>
<p>${t.count(found.length)}</p>
<div class="table-wrap"><table class="table">
<thead><tr><th scope="col">${t.columns.name}</th><th scope="col">${t.columns.curp}</th><th scope="col">${t.columns.unit}</th><th scope="col">${t.columns.eligibility}</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`,
  };
}
