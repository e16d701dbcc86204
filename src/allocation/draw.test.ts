import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acceptsSlot, type DrawRequest, type DrawSlot, drawAllocation } from './draw.js';

const seed = (label: string) => createHash('sha256').update(label).digest('hex');
const DAYS = ['2026-12-07', '2026-12-08', '2026-12-09'];

const requestArb = fc.record({
  pool: fc.constantFrom('web' as const, 'phone' as const),
  days: fc.subarray(DAYS),
  shift: fc.constantFrom('M' as const, 'V' as const, null),
});
const slotArb = fc.record({
  pool: fc.constantFrom('web' as const, 'phone' as const),
  localDate: fc.constantFrom(...DAYS),
  shift: fc.constantFrom('M' as const, 'V' as const),
  minute: fc.integer({ min: 0, max: 10_000 }),
});
const worldArb = fc.record({
  requests: fc.array(requestArb, { maxLength: 40 }),
  slots: fc.array(slotArb, { maxLength: 40 }),
  seed: fc.string().map(seed),
});

type World = typeof worldArb extends fc.Arbitrary<infer W> ? W : never;

function build(world: World) {
  const requests: DrawRequest[] = world.requests.map((r, i) => ({ ...r, id: 100 + i }));
  const slots: DrawSlot[] = world.slots.map((s, i) => ({
    id: 500 + i,
    pool: s.pool,
    localDate: s.localDate,
    shift: s.shift,
    startsAt: new Date(Date.UTC(2026, 11, 7, 0, s.minute)),
  }));
  return { requests, slots };
}

describe('drawAllocation', () => {
  it('gives each person at most one slot and no slot twice', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const { requests, slots } = build(world);
        const result = drawAllocation(requests, slots, world.seed);
        expect(result.map((a) => a.requestId).sort()).toEqual(requests.map((r) => r.id).sort());
        const given = result.flatMap((a) => (a.slotId === null ? [] : [a.slotId]));
        expect(new Set(given).size).toBe(given.length);
      }),
    );
  });

  it('gives only slots of the request’s pool, days and shift', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const { requests, slots } = build(world);
        for (const a of drawAllocation(requests, slots, world.seed)) {
          if (a.slotId === null) continue;
          const request = requests.find((r) => r.id === a.requestId) as DrawRequest;
          const slot = slots.find((s) => s.id === a.slotId) as DrawSlot;
          expect(acceptsSlot(request, slot)).toBe(true);
        }
      }),
    );
  });

  it('leaves nobody without a slot while a slot they accept is left over', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const { requests, slots } = build(world);
        const result = drawAllocation(requests, slots, world.seed);
        const given = new Set(result.map((a) => a.slotId));
        const leftOver = slots.filter((s) => !given.has(s.id));
        for (const a of result.filter((x) => x.slotId === null)) {
          const request = requests.find((r) => r.id === a.requestId) as DrawRequest;
          expect(leftOver.some((s) => acceptsSlot(request, s))).toBe(false);
        }
      }),
    );
  });

  it('replays: the same requests, slots and seed give the same assignments, in any input order', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const { requests, slots } = build(world);
        const first = drawAllocation(requests, slots, world.seed);
        expect(drawAllocation([...requests].reverse(), [...slots].reverse(), world.seed)).toEqual(first);
      }),
    );
  });

  it('gives the earliest acceptable slot to the first in the order', () => {
    const slots: DrawSlot[] = [
      {
        id: 1,
        pool: 'web',
        localDate: DAYS[0] as string,
        shift: 'V',
        startsAt: new Date('2026-12-07T21:00:00Z'),
      },
      {
        id: 2,
        pool: 'web',
        localDate: DAYS[0] as string,
        shift: 'M',
        startsAt: new Date('2026-12-07T14:00:00Z'),
      },
      {
        id: 3,
        pool: 'phone',
        localDate: DAYS[0] as string,
        shift: 'M',
        startsAt: new Date('2026-12-07T13:00:00Z'),
      },
    ];
    const [only] = drawAllocation([{ id: 1, pool: 'web', days: [], shift: null }], slots, seed('x'));
    expect(only).toEqual({ requestId: 1, position: 1, slotId: 2 });
  });

  it('refuses a seed that is not 32 bytes of hex', () => {
    expect(() => drawAllocation([], [], 'abc')).toThrow(RangeError);
  });
});
