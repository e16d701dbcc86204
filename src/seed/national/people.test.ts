import { describe, expect, it } from 'vitest';
import { validateCurp } from '../../registry/curp.js';
import { planNationalNetwork } from './network.js';
import { type SyntheticPerson, syntheticPeople } from './people.js';

const units = planNationalNetwork(2026);
const generate = (seed: number, count = 6000): SyntheticPerson[] => [
  ...syntheticPeople(units, { count, seed, today: '2026-11-22' }),
];
const people = generate(11);

describe('synthetic beneficiaries', () => {
  it('come in the number asked for, with valid and unique CURPs that agree with the birth date', () => {
    expect(people).toHaveLength(6000);
    for (const p of people) {
      const check = validateCurp(p.curp);
      expect(check.ok && check.birthDate === p.birthDate && check.sex === p.sex).toBe(true);
    }
    expect(new Set(people.map((p) => p.curp)).size).toBe(people.length);
  });

  it('are about 40 % holders, each family member linked to an earlier holder at the same consultorio', () => {
    const holders = people.filter((p) => p.holderIndex === null);
    expect(holders.length / people.length).toBeGreaterThan(0.35);
    expect(holders.length / people.length).toBeLessThan(0.45);
    for (const p of people) {
      const isHolder = p.category === 'trabajador' || p.category === 'pensionado';
      expect(p.holderIndex === null).toBe(isHolder);
      if (p.holderIndex === null) continue;
      const holder = people[p.holderIndex] as SyntheticPerson;
      expect(holder.holderIndex).toBeNull();
      expect(holder.index).toBeLessThan(p.index);
      expect([p.unitClues, p.consultorio, p.shift]).toEqual([
        holder.unitClues,
        holder.consultorio,
        holder.shift,
      ]);
    }
  });

  it('are adscribed to family-medicine units and have Spanish names, phones, and ~5 % expired eligibility', () => {
    const clinics = new Set(
      units.filter((u) => u.services.includes('medicina_familiar')).map((u) => u.clues),
    );
    expect(people.every((p) => clinics.has(p.unitClues))).toBe(true);
    const names = people.map((p) => `${p.givenNames} ${p.firstSurname} ${p.secondSurname}`).join(' ');
    expect(names).toMatch(/ñ/i);
    expect(names).toMatch(/[áéíóú]/);
    expect(people.every((p) => p.phone === null || /^[0-9]{10}$/.test(p.phone))).toBe(true);
    const expired = people.filter((p) => p.eligibleUntil < '2026-11-22').length / people.length;
    expect(expired).toBeGreaterThan(0.03);
    expect(expired).toBeLessThan(0.07);
  });

  it('are the same for the same seed and differ for another', () => {
    expect(generate(11, 500)).toEqual(people.slice(0, 500));
    expect(generate(12, 500).map((p) => p.curp)).not.toEqual(people.slice(0, 500).map((p) => p.curp));
  });
});
