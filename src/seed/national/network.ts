import type { UnitType } from '../../network/units.js';
import { CURP_STATE_CODES } from '../../registry/curp.js';
import { SeededRandom } from '../random.js';
import { type Municipality, STATES, type StateGeography } from './geography.js';

export const NATIONAL_UNIT_COUNT = 1145;

/** National CLUES numbers start here, clear of the demo network's. */
const CLUES_FIRST_SERIAL = 100_000;

export interface PlannedResource {
  /** 'Consultorio 3' or 'Ventanilla 1'; the same name in both shifts is the same room. */
  name: string;
  kind: 'consultorio' | 'desk';
  shift: 'M' | 'V';
  serviceCode: string;
}

export interface PlannedUnit {
  clues: string;
  name: string;
  type: UnitType;
  state: string;
  municipality: string;
  zone: string;
  lada: string;
  address: string;
  phone: string;
  resources: PlannedResource[];
  services: string[];
}

const TYPE_NAMES: Record<UnitType, string> = {
  CMF: 'Clínica de Medicina Familiar',
  UMF: 'Unidad de Medicina Familiar',
  CH: 'Clínica Hospital',
  HG: 'Hospital General',
  HR: 'Hospital Regional',
  ADM: 'Oficina de Prestaciones Económicas',
};

/** Consultorios in the morning shift, by type; the evening shift opens about half of them. */
const CONSULTORIOS: Record<UnitType, [number, number]> = {
  UMF: [1, 2],
  CMF: [2, 5],
  CH: [4, 8],
  HG: [5, 10],
  HR: [6, 12],
  ADM: [2, 4],
};

const STREETS = [
  'Av. Juárez',
  'Av. Hidalgo',
  'Calle Morelos',
  'Av. Insurgentes',
  'Calle Guerrero',
  'Blvd. Benito Juárez',
  'Av. Reforma',
  'Calle Allende',
  'Av. Revolución',
  'Calle Niños Héroes',
  'Av. Constitución',
  'Calle Aldama',
] as const;

/** Units per state in proportion to population (largest remainders), 1,145 in all. */
export function unitsPerState(total = NATIONAL_UNIT_COUNT): Map<string, number> {
  const population = STATES.reduce((sum, s) => sum + s.population, 0);
  const exact = STATES.map((s) => ({ code: s.code, value: (total * s.population) / population }));
  const counts = new Map(exact.map((e) => [e.code, Math.floor(e.value)]));
  let left = total - [...counts.values()].reduce((a, b) => a + b, 0);
  for (const e of [...exact].sort((a, b) => (b.value % 1) - (a.value % 1) || a.code.localeCompare(b.code))) {
    if (left-- <= 0) break;
    counts.set(e.code, (counts.get(e.code) ?? 0) + 1);
  }
  return counts;
}

/**
 * The types of a state's units: one administrative office, a general hospital, a regional hospital
 * in the most populous states, about one clinic-hospital in ten, and family-medicine clinics for
 * the rest.
 */
function unitTypes(state: StateGeography, count: number, random: SeededRandom): UnitType[] {
  const types: UnitType[] = ['ADM', 'HG'];
  if (state.population >= 3500) types.push('HR');
  if (state.population >= 6000) types.push('HG');
  const clinicHospitals = Math.max(1, Math.round(count * 0.09));
  for (let i = 0; i < clinicHospitals; i++) types.push('CH');
  while (types.length < count) types.push(random.chance(0.55) ? 'CMF' : 'UMF');
  return types.slice(0, count);
}

function pickMunicipality(state: StateGeography, random: SeededRandom): Municipality {
  const total = state.municipalities.reduce((sum, m) => sum + m.weight, 0);
  let target = random.next() * total;
  for (const m of state.municipalities) {
    target -= m.weight;
    if (target < 0) return m;
  }
  return state.municipalities[0] as Municipality;
}

/** What each room serves: family medicine first, then dentistry, prevention, internal medicine. */
function serviceOf(type: UnitType, n: number, count: number): string {
  if (type === 'ADM') return n % 2 === 1 ? 'pensiones' : 'prestamos_personales';
  if (type === 'HG' || type === 'HR') {
    if (n === count) return 'odontologia';
    if (n === count - 1) return 'medicina_preventiva';
    return 'medicina_interna';
  }
  if (count >= 3 && n === count) return 'odontologia';
  if (count >= 4 && n === count - 1) return 'medicina_preventiva';
  if (type === 'CH' && count >= 6 && n === count - 2) return 'medicina_interna';
  return 'medicina_familiar';
}

function resourcesOf(type: UnitType, random: SeededRandom): PlannedResource[] {
  const [min, max] = CONSULTORIOS[type];
  const morning = random.int(min, max);
  const evening = Math.max(1, Math.round(morning / 2));
  const kind = type === 'ADM' ? 'desk' : 'consultorio';
  const label = kind === 'desk' ? 'Ventanilla' : 'Consultorio';
  const resources: PlannedResource[] = [];
  for (let n = 1; n <= morning; n++) {
    const serviceCode = serviceOf(type, n, morning);
    resources.push({ name: `${label} ${n}`, kind, shift: 'M', serviceCode });
    if (n <= evening || serviceCode !== 'medicina_familiar') {
      resources.push({ name: `${label} ${n}`, kind, shift: 'V', serviceCode });
    }
  }
  return resources;
}

/** The whole synthetic network, deterministic for a seed: 1,145 units in the 32 states. */
export function planNationalNetwork(seed: number): PlannedUnit[] {
  const random = new SeededRandom(seed);
  const counts = unitsPerState();
  const units: PlannedUnit[] = [];
  for (const state of STATES) {
    const count = counts.get(state.code) ?? 0;
    const seen = new Map<string, number>();
    for (const type of unitTypes(state, count, random)) {
      // Hospitals and offices sit in the state's main city; clinics spread by population.
      const place =
        type === 'CMF' || type === 'UMF' || type === 'CH'
          ? pickMunicipality(state, random)
          : (state.municipalities[0] as Municipality);
      const baseName = `${TYPE_NAMES[type]} ${place.name}`;
      const repeat = (seen.get(baseName) ?? 0) + 1;
      seen.set(baseName, repeat);
      const resources = resourcesOf(type, random);
      units.push({
        clues: `${state.code}IST${String(CLUES_FIRST_SERIAL + units.length).padStart(6, '0')}`,
        name: repeat === 1 ? baseName : `${baseName} ${repeat}`,
        type,
        state: state.code,
        municipality: place.name,
        zone: place.zone,
        lada: place.lada,
        address: `${random.pick(STREETS)} ${random.int(1, 2500)}, ${place.name}, ${CURP_STATE_CODES[state.code]}`,
        phone: localPhone(place.lada, random),
        resources,
        services: [...new Set(resources.map((r) => r.serviceCode))].sort(),
      });
    }
  }
  return units;
}

/** A 10-digit number: the area code, then a local number that does not start with 0. */
export function localPhone(lada: string, random: SeededRandom): string {
  const rest = 10 - lada.length;
  return lada + String(random.int(2 * 10 ** (rest - 1), 10 ** rest - 1));
}
