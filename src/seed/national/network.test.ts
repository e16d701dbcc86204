import { describe, expect, it } from 'vitest';
import { CLUES_PATTERN } from '../../network/units.js';
import { STATES } from './geography.js';
import { NATIONAL_UNIT_COUNT, planNationalNetwork, unitsPerState } from './network.js';

const network = planNationalNetwork(2026);
const zonesOf = (state: string) => new Set(network.filter((u) => u.state === state).map((u) => u.zone));
const zoneOfPlace = (state: string, municipality: string) =>
  STATES.find((s) => s.code === state)?.municipalities.find((m) => m.name === municipality)?.zone;

describe('the national network plan', () => {
  it('has 1,145 units with valid, unique CLUES in all 32 states', () => {
    expect(network).toHaveLength(NATIONAL_UNIT_COUNT);
    expect(network.every((u) => CLUES_PATTERN.test(u.clues) && u.clues.startsWith(u.state))).toBe(true);
    expect(new Set(network.map((u) => u.clues)).size).toBe(NATIONAL_UNIT_COUNT);
    expect(new Set(network.map((u) => u.state)).size).toBe(32);
  });

  it('shares the units out in proportion to population', () => {
    const counts = unitsPerState();
    const population = STATES.reduce((sum, s) => sum + s.population, 0);
    for (const state of STATES) {
      const exact = (NATIONAL_UNIT_COUNT * state.population) / population;
      expect(Math.abs((counts.get(state.code) ?? 0) - exact)).toBeLessThan(1);
    }
    expect(counts.get('MC')).toBeGreaterThan(counts.get('CM') ?? 0);
  });

  it('puts every unit in its IANA zone, the border towns included', () => {
    expect(zonesOf('QR')).toEqual(new Set(['America/Cancun']));
    expect(zonesOf('BC')).toEqual(new Set(['America/Tijuana']));
    expect(zonesOf('SR')).toEqual(new Set(['America/Hermosillo']));
    expect(zonesOf('BS')).toEqual(new Set(['America/Mazatlan']));
    expect(zonesOf('SL')).toEqual(new Set(['America/Mazatlan']));
    expect(zonesOf('YN')).toEqual(new Set(['America/Merida']));
    expect(zoneOfPlace('NT', 'Tepic')).toBe('America/Mazatlan');
    expect(zoneOfPlace('CH', 'Chihuahua')).toBe('America/Chihuahua');
    expect(zoneOfPlace('CH', 'Juárez')).toBe('America/Ciudad_Juarez');
    for (const [state, town] of [
      ['TS', 'Reynosa'],
      ['TS', 'Nuevo Laredo'],
      ['CL', 'Piedras Negras'],
      ['NL', 'Anáhuac'],
    ] as const) {
      expect(zoneOfPlace(state, town)).toBe('America/Matamoros');
    }
    expect(zoneOfPlace('NL', 'Monterrey')).toBe('America/Monterrey');
    expect(zonesOf('DF')).toEqual(new Set(['America/Mexico_City']));
    for (const unit of network) expect(zoneOfPlace(unit.state, unit.municipality)).toBe(unit.zone);
  });

  it('is mostly family-medicine clinics, with hospitals and one administrative office per state', () => {
    const byType = new Map<string, number>();
    for (const u of network) byType.set(u.type, (byType.get(u.type) ?? 0) + 1);
    expect((byType.get('CMF') ?? 0) + (byType.get('UMF') ?? 0)).toBeGreaterThan(NATIONAL_UNIT_COUNT * 0.75);
    expect(byType.get('CH')).toBeGreaterThan(50);
    expect(byType.get('HG')).toBeGreaterThanOrEqual(32);
    expect(byType.get('HR')).toBeGreaterThan(5);
    expect(byType.get('ADM')).toBe(32);
  });

  it('gives clinics family medicine in both shifts and hospitals no adscription', () => {
    for (const unit of network) {
      const familyRooms = unit.resources.filter((r) => r.serviceCode === 'medicina_familiar');
      if (unit.type === 'CMF' || unit.type === 'UMF') {
        expect(new Set(familyRooms.map((r) => r.shift))).toEqual(new Set(['M', 'V']));
      }
      if (unit.type === 'HG' || unit.type === 'HR' || unit.type === 'ADM')
        expect(familyRooms).toHaveLength(0);
      expect(unit.services).toEqual([...new Set(unit.resources.map((r) => r.serviceCode))].sort());
    }
  });

  it('is the same for the same seed and differs for another', () => {
    expect(planNationalNetwork(2026)).toEqual(network);
    expect(planNationalNetwork(7).map((u) => u.municipality)).not.toEqual(network.map((u) => u.municipality));
  });
});
