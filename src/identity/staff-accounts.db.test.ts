import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import {
  createStaffAccount,
  LOCK_MINUTES,
  MAX_FAILED_SIGN_INS,
  newStaffPassword,
  signInStaff,
} from './staff-accounts.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const NOW = new Date('2026-11-23T15:00:00Z');
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

describe('staff sign-in', () => {
  it('stores only an argon2id hash and signs in with the e-mail in any case', async () => {
    const password = newStaffPassword();
    const account = await createStaffAccount(database.db, {
      email: 'Asesora.Uno@Citas.test',
      name: 'Asesora Uno',
      role: 'agent',
      password,
    });
    const row = await database.db
      .selectFrom('staff_accounts')
      .select(['email', 'password_hash'])
      .where('id', '=', account.id)
      .executeTakeFirstOrThrow();
    expect(row.email).toBe('asesora.uno@citas.test');
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(password);
    expect(await signInStaff(database.db, { email: 'ASESORA.UNO@citas.test', password }, NOW)).toMatchObject({
      ok: true,
      account: { id: account.id, role: 'agent' },
    });
  });

  it('gives the same answer for an unknown e-mail and a wrong password', async () => {
    expect(await signInStaff(database.db, { email: 'nadie@citas.test', password: 'x' }, NOW)).toEqual({
      ok: false,
      reason: 'invalid',
      accountId: null,
    });
    expect(
      await signInStaff(database.db, { email: 'asesora.uno@citas.test', password: 'x' }, NOW),
    ).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
  });

  it(`locks the account for ${LOCK_MINUTES} minutes after ${MAX_FAILED_SIGN_INS} wrong passwords in a row`, async () => {
    const password = newStaffPassword();
    const email = 'asesor.dos@citas.test';
    await createStaffAccount(database.db, { email, name: 'Asesor Dos', role: 'agent', password });
    const attempts = Array.from({ length: MAX_FAILED_SIGN_INS }, () =>
      signInStaff(database.db, { email, password: 'adivinanza' }, NOW),
    );
    await Promise.all(attempts);
    expect(await signInStaff(database.db, { email, password }, later(1))).toMatchObject({
      ok: false,
      reason: 'locked',
    });
    expect(await signInStaff(database.db, { email, password }, later(LOCK_MINUTES + 1))).toMatchObject({
      ok: true,
    });
  });

  it('refuses passwords shorter than twelve characters', async () => {
    await expect(
      createStaffAccount(database.db, {
        email: 'corta@citas.test',
        name: 'Corta',
        role: 'agent',
        password: 'corta',
      }),
    ).rejects.toMatchObject({ code: 'PASSWORD_TOO_SHORT' });
  });
});
