import { buttonLink } from '../../../platform/html/components.js';
import { html } from '../../../platform/html/html.js';
import type { ConsolePage } from './frame.js';

/** A refusal told plainly, with the way on. */
export function consoleProblemPage(o: {
  status: number;
  code: string;
  title: string;
  body: string;
  next: { href: string; label: string };
}): ConsolePage {
  return {
    title: o.title,
    status: o.status,
    errorCode: o.code,
    main: html`<h1>${o.title}</h1>
<p>${o.body}</p>
<div class="button-group">${buttonLink(o.next.href, o.next.label)}</div>`,
  };
}
