import type { BeneficiaryCategory } from '../../registry/beneficiaries.js';
import { buildCurp, type CurpPerson } from '../../registry/curp.js';
import { MEN_NAMES, SURNAMES, WOMEN_NAMES } from '../names.js';
import { SeededRandom } from '../random.js';
import { STATES } from './geography.js';
import { localPhone, type PlannedUnit } from './network.js';
import { SeenFilter } from './seen-filter.js';

export interface SyntheticPerson {
  /** Index from 0; the caller turns it into the row id. */
  index: number;
  /** Index of the holder, null for holders. */
  holderIndex: number | null;
  curp: string;
  givenNames: string;
  firstSurname: string;
  secondSurname: string;
  birthDate: string;
  sex: 'H' | 'M';
  phone: string | null;
  email: string | null;
  category: BeneficiaryCategory;
  unitClues: string;
  consultorio: string;
  shift: 'M' | 'V';
  eligibleUntil: string;
}

export const EXPIRED_SHARE = 0.05;
const DAY_MS = 86_400_000;

interface Adscription {
  unit: PlannedUnit;
  consultorio: string;
  shift: 'M' | 'V';
}

/** Every family-medicine room of the network once: people are spread over them evenly. */
function adscriptions(units: readonly PlannedUnit[]): Adscription[] {
  return units.flatMap((unit) =>
    unit.resources
      .filter((r) => r.serviceCode === 'medicina_familiar')
      .map((r) => ({ unit, consultorio: r.name, shift: r.shift })),
  );
}

const CHILDREN = [0.45, 0.25, 0.2, 0.07, 0.03];
const STATE_CODES = STATES.map((s) => s.code);

/**
 * `count` synthetic beneficiaries, family by family (the holder first, then spouse, children and
 * parents: ≈ 40 % holders). Deterministic for a seed and `today`; streams, so memory does not grow
 * with `count` beyond the CURP filter (1.5 bytes a person).
 */
export function* syntheticPeople(
  units: readonly PlannedUnit[],
  options: { count: number; seed: number; today: string },
): Generator<SyntheticPerson> {
  const random = new SeededRandom(options.seed ^ 0x5eed);
  const places = adscriptions(units);
  if (places.length === 0) throw new RangeError('no unit offers family medicine');
  const filter = new SeenFilter(options.count);
  const today = Date.parse(`${options.today}T00:00:00Z`);
  const thisYear = Number(options.today.slice(0, 4));
  let index = 0;

  const eligibility = () =>
    random.chance(EXPIRED_SHARE)
      ? new Date(today - random.int(1, 400) * DAY_MS).toISOString().slice(0, 10)
      : `${thisYear + random.int(0, 2)}-12-31`;

  const make = (
    p: Omit<SyntheticPerson, 'index' | 'curp' | 'eligibleUntil' | 'email'> & { state: string },
  ) => {
    const curp = uniqueCurp(filter, p, random);
    const person: SyntheticPerson = {
      index: index++,
      holderIndex: p.holderIndex,
      curp: curp.curp,
      givenNames: p.givenNames,
      firstSurname: p.firstSurname,
      secondSurname: p.secondSurname,
      birthDate: curp.birthDate,
      sex: p.sex,
      phone: p.phone,
      email:
        p.holderIndex === null && random.chance(0.35)
          ? `${asciiWord(p.givenNames)}.${asciiWord(p.firstSurname)}${index}@correo.example.com`
          : null,
      category: p.category,
      unitClues: p.unitClues,
      consultorio: p.consultorio,
      shift: p.shift,
      eligibleUntil: eligibility(),
    };
    return person;
  };

  while (index < options.count) {
    const place = random.pick(places);
    const homeState = place.unit.state;
    const bornIn = () => (random.chance(0.85) ? homeState : random.pick(STATE_CODES));
    const sex = random.chance(0.55) ? 'M' : 'H';
    const pensioner = random.chance(0.22);
    const year = pensioner ? thisYear - random.int(60, 88) : thisYear - random.int(20, 59);
    const surname = random.pick(SURNAMES);
    const adscribed = { unitClues: place.unit.clues, consultorio: place.consultorio, shift: place.shift };
    const holder = make({
      holderIndex: null,
      givenNames: givenName(random, sex),
      firstSurname: surname,
      secondSurname: random.pick(SURNAMES),
      birthDate: dateIn(random, year),
      sex,
      phone: random.chance(0.9) ? localPhone(place.unit.lada, random) : null,
      category: pensioner ? 'pensionado' : 'trabajador',
      state: bornIn(),
      ...adscribed,
    });
    yield holder;

    const family: { category: BeneficiaryCategory; sex: 'H' | 'M'; year: number }[] = [];
    if (random.chance(0.5))
      family.push({ category: 'conyuge', sex: sex === 'M' ? 'H' : 'M', year: year + random.int(-5, 5) });
    const children = pickIndex(random, CHILDREN);
    for (let c = 0; c < children; c++) {
      family.push({
        category: 'hijo',
        sex: random.chance(0.5) ? 'M' : 'H',
        year: Math.min(thisYear - 1, year + random.int(18, 40)),
      });
    }
    if (random.chance(0.04)) family.push({ category: 'padre', sex: 'H', year: year - random.int(18, 35) });
    if (random.chance(0.04)) family.push({ category: 'madre', sex: 'M', year: year - random.int(18, 35) });

    for (const member of family) {
      if (index >= options.count) break;
      const adult = thisYear - member.year >= 18;
      yield make({
        holderIndex: holder.index,
        givenNames: givenName(random, member.sex),
        firstSurname: member.category === 'hijo' ? surname : random.pick(SURNAMES),
        secondSurname: random.pick(SURNAMES),
        birthDate: dateIn(random, Math.max(1905, member.year)),
        sex: member.sex,
        phone: adult && random.chance(0.4) ? localPhone(place.unit.lada, random) : null,
        category: member.category,
        state: bornIn(),
        ...adscribed,
      });
    }
  }
}

/**
 * A CURP nobody got before: the homoclave tells namesakes apart (10 digits before 2000, 26 letters
 * after); when all are taken the birth day moves by one, which keeps the CURP and the date in step.
 */
function uniqueCurp(
  filter: SeenFilter,
  person: Pick<SyntheticPerson, 'givenNames' | 'firstSurname' | 'secondSurname' | 'birthDate' | 'sex'> & {
    state: string;
  },
  random: SeededRandom,
): { curp: string; birthDate: string } {
  const key: CurpPerson = {
    givenNames: person.givenNames,
    firstSurname: person.firstSurname,
    secondSurname: person.secondSurname,
    birthDate: person.birthDate,
    sex: person.sex,
    state: person.state,
    differentiator: 0,
  };
  for (;;) {
    const homoclaves = key.birthDate < '2000' ? 10 : 26;
    const first = random.int(0, homoclaves - 1);
    for (let d = 0; d < homoclaves; d++) {
      key.differentiator = first + d;
      const curp = buildCurp(key);
      if (filter.addIfNew(curp)) return { curp, birthDate: key.birthDate };
    }
    key.birthDate = new Date(Date.parse(`${key.birthDate}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  }
}

const givenName = (random: SeededRandom, sex: 'H' | 'M') =>
  random.pick(sex === 'M' ? WOMEN_NAMES : MEN_NAMES);

function pickIndex(random: SeededRandom, weights: readonly number[]): number {
  let target = random.next();
  for (let i = 0; i < weights.length; i++) {
    target -= weights[i] ?? 0;
    if (target < 0) return i;
  }
  return weights.length - 1;
}

const dateIn = (random: SeededRandom, year: number) =>
  `${year}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;

const ASCII_WORDS = new Map<string, string>();

/** "José Luis" → "jose": e-mail addresses stay ASCII. */
function asciiWord(name: string): string {
  let word = ASCII_WORDS.get(name);
  if (word === undefined) {
    word = (name.split(' ')[0] ?? '')
      .normalize('NFD')
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase();
    ASCII_WORDS.set(name, word);
  }
  return word;
}
