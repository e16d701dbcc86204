import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../src/seed/random.js';
import { callerNext, readTwiml } from './caller-agent.js';
import { fairness } from './fairness.js';
import { type MorningShape, unitArrivals } from './plan.js';
import { type PersonMemory, personNext, readPortal, scriptNext } from './portal-agents.js';

const shape: MorningShape = {
  units: 1,
  demand: 10,
  scriptShare: 0.05,
  phoneShare: 0.15,
  preWindowSeconds: 60,
  afterSeconds: 30,
  earlyShare: 0.6,
  scriptSessions: 3,
  scriptPollMs: 200,
  seed: 1,
};
const who = {
  curp: 'HELG780412MDFRPD06',
  birthDate: '1978-04-12',
  unitName: 'Unidad de Medicina Familiar 1',
};
const fresh: PersonMemory = { personId: 7, admitted: true, taken: 0, emptyAfterRelease: 0 };
const page = (path: string, body = '', status = 200, headers: Record<string, string> = {}) =>
  readPortal({ path, body, status, headers });

describe('the morning crowd', () => {
  it('sends scripts at the first millisecond of the pre-window and everyone else around the release', () => {
    const crowd = unitArrivals(200, shape, new SeededRandom(3));
    const scripts = crowd.filter((a) => a.kind === 'script');
    expect(scripts).toHaveLength(10);
    expect(scripts.every((a) => a.atMs === -60_000)).toBe(true);
    expect(crowd.filter((a) => a.kind === 'caller')).toHaveLength(30);
    const people = crowd.filter((a) => a.kind !== 'script');
    expect(people.every((a) => a.atMs >= -60_000 && a.atMs < 30_000)).toBe(true);
    const early = people.filter((a) => a.atMs < 0).length / people.length;
    expect(early).toBeGreaterThan(0.45);
    expect(early).toBeLessThan(0.75);
  });

  it('has a person reload an empty dates page before the release and give up after it', () => {
    const empty = page('/cita/fecha');
    const before = personNext(empty, fresh, who, { sinceReleaseMs: -5000, random: () => 0.5 });
    expect(before[0].act).toEqual({ get: '/cita/fecha?persona=7&servicio=medicina_familiar' });
    const after = personNext(empty, { ...fresh, emptyAfterRelease: 2 }, who, {
      sinceReleaseMs: 5000,
      random: () => 0.5,
    });
    expect(after[0].act).toEqual({ stop: 'lost', note: 'nothing left' });
  });

  it('has a person wait on the waiting page as it says, then sign in once admitted', () => {
    const waiting = page('/fila/lugar/abc', '', 200, { 'citas-queue-state': 'waiting', refresh: '20' });
    const [wait] = personNext(waiting, { ...fresh, admitted: false }, who, {
      sinceReleaseMs: 0,
      random: () => 0,
    });
    expect(wait).toEqual({ waitMs: 20_000, act: { get: '/fila/lugar/abc' } });
    const admitted = page('/fila/lugar/abc', '', 200, { 'citas-queue-state': 'admitted' });
    const [go, memory] = personNext(admitted, { ...fresh, admitted: false }, who, {
      sinceReleaseMs: 0,
      random: () => 0,
    });
    expect(go.act).toEqual({ get: '/entrar' });
    expect(memory.admitted).toBe(true);
  });

  it("has a person file a request at their own unit's window, and race for what is left once it closed", () => {
    const list = page(
      '/solicitudes',
      '<section><h2>Medicina familiar<br><span class="muted">Unidad de Medicina Familiar 10</span></h2><p><a href="/solicitudes/9">x</a></p></section>' +
        '<section><h2>Medicina familiar<br><span class="muted">Unidad de Medicina Familiar 1</span></h2><p><a href="/solicitudes/4">x</a></p></section>',
    );
    const [pick] = personNext(list, fresh, who, { sinceReleaseMs: -5000, random: () => 0 });
    expect(pick.act).toEqual({ get: '/solicitudes/4' });
    const closed = page('/solicitudes/4', '', 409, { 'citas-error-code': 'ALLOCATION_WINDOW_CLOSED' });
    expect(personNext(closed, fresh, who, { sinceReleaseMs: 1000, random: () => 0 })[0].act).toEqual({
      get: '/entrar',
    });
  });

  it('has a script book the first alternative of a "taken" page at once, skipping the review', () => {
    const taken = page('/cita', '<a href="/cita/revisar?persona=7&amp;horario=42">8:20</a>', 409, {
      'citas-error-code': 'SLOT_TAKEN',
    });
    const step = scriptNext(taken, { ...who, personId: 7, browser: 0, day: '2026-12-28', pollMs: 200 });
    expect(step).toEqual({
      waitMs: 0,
      act: { post: '/cita', form: { persona: '7', horario: '42', clave: '' } },
    });
  });

  it('has a caller identify, ask to book, and call back when nothing is open yet', () => {
    const greeting = readTwiml(
      200,
      '<Response><Gather action="https://x/phone/twiml/voice?s=1"><Say>Para confirmar que eres tú, marca tu fecha de nacimiento: dos dígitos del día, dos del mes y los cuatro del año.</Say></Gather></Response>',
    );
    const memory = { failures: 0, emptyAfterRelease: 0, taken: 0 };
    const [press] = callerNext(greeting, memory, who, { sinceReleaseMs: -1000, random: () => 0 });
    expect(press).toMatchObject({ press: '12041978' });
    const [redial] = callerNext(readTwiml(503, '{}'), memory, who, { sinceReleaseMs: 0, random: () => 0 });
    expect(redial).toMatchObject({ redial: true });
  });
});

describe('the fairness figures', () => {
  it('compares scripts with people who came in the pre-window, and callers with web people', () => {
    const outcomes = [
      { id: 1, kind: 'script' as const, atMs: -60_000, result: 'won' as const },
      { id: 2, kind: 'script' as const, atMs: -60_000, result: 'lost' as const },
      { id: 3, kind: 'person' as const, atMs: -1000, result: 'won' as const },
      { id: 4, kind: 'person' as const, atMs: -1000, result: 'lost' as const },
      { id: 5, kind: 'person' as const, atMs: 5000, result: 'lost' as const },
      { id: 6, kind: 'caller' as const, atMs: 5000, result: 'lost' as const },
    ];
    const f = fairness(outcomes, new Set([1, 3]));
    expect(f.scriptVsEarlyPeople).toBe(1);
    expect(f.scriptVsAllPeople).toBe(2);
    expect(f.phoneVsWeb).toBe(0);
    expect(fairness(outcomes, new Set([1])).scriptVsEarlyPeople).toBeNull();
  });
});
