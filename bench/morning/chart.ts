// Who won, by arrival time, scripts against people, one panel per mode: a Vega-Lite spec rendered
// to SVG in Node (no browser).
import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { chartRows } from './fairness.js';

export async function winnersChart(
  rows: ReturnType<typeof chartRows>,
  modes: readonly string[],
  binSeconds: number,
): Promise<string> {
  const spec: vl.TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Who got a slot, by arrival time (0 = the release)',
    data: { values: rows },
    facet: { column: { field: 'mode', sort: [...modes], title: null } },
    spec: {
      width: 260,
      height: 220,
      mark: { type: 'line', point: true },
      encoding: {
        x: {
          field: 'arrivalSeconds',
          bin: { step: binSeconds },
          type: 'quantitative',
          title: 'arrival (s from the release)',
        },
        y: {
          aggregate: 'mean',
          field: 'won',
          type: 'quantitative',
          title: 'share who got a slot',
          axis: { format: '%' },
          scale: { domain: [0, 1] },
        },
        color: { field: 'who', type: 'nominal', title: null },
      },
    },
  };
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  return view.toSVG();
}
