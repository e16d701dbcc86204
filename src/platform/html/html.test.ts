import { describe, expect, it } from 'vitest';
import { attrs, html } from './html.js';

describe('html templates', () => {
  it('escape every interpolated text, so input never becomes markup', () => {
    const name = `<script>alert("x")</script> & 'y'`;
    expect(html`<p>${name}</p>`.value).toBe(
      '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</p>',
    );
  });

  it('nest templates without escaping them twice', () => {
    const inner = html`<b>${'a<b'}</b>`;
    expect(html`<p>${inner}</p>`.value).toBe('<p><b>a&lt;b</b></p>');
  });

  it('render lists and skip false, null and undefined', () => {
    const items = ['uno', 'dos'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}</ul>${false}${null}${undefined}${0}`.value).toBe(
      '<ul><li>uno</li><li>dos</li></ul>0',
    );
  });

  it('write attributes, leaving out the empty ones', () => {
    expect(attrs({ id: 'curp', 'aria-describedby': undefined, required: true, value: '"x"' }).value).toBe(
      ' id="curp" required value="&quot;x&quot;"',
    );
  });
});
