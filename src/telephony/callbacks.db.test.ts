import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { aBeneficiary, aClinic } from '../../test/support/factories.js';
import { createStaffAccount } from '../identity/staff-accounts.js';
import { closeCallback, listOpenCallbacks, requestCallback, takeCallback } from './callbacks.js';

let database: TestDatabase;
let agents: number[];
beforeAll(async () => {
  database = await createTestDatabase();
  agents = [];
  for (const name of ['Ana', 'Luis']) {
    const account = await createStaffAccount(database.db, {
      email: `${name.toLowerCase()}@citas.test`,
      name,
      role: 'agent',
      password: 'una-clave-larga-de-prueba',
    });
    agents.push(account.id);
  }
});
afterAll(() => database.drop());

const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 15, minute));

describe('call-back requests', () => {
  it('keeps one open request per number, and lists them oldest first with who asked', async () => {
    const clinic = await aClinic(database.db);
    const person = await aBeneficiary(database.db, clinic, { phone: '5520000001' });
    const first = { phone: '5520000001', beneficiaryId: person.id, callId: 'CA1', reason: 'busy' as const };
    expect(await requestCallback(database.db, first, at(5))).toEqual({ created: true });
    expect(await requestCallback(database.db, { ...first, callId: 'CA2' }, at(6))).toEqual({
      created: false,
    });
    await requestCallback(
      database.db,
      { phone: '5520000002', beneficiaryId: null, callId: 'CA3', reason: 'unanswered' },
      at(1),
    );
    const open = await listOpenCallbacks(database.db);
    expect(open.map((c) => c.phone)).toEqual(['5520000002', '5520000001']);
    expect(open[1]?.beneficiary).toMatchObject({ id: person.id, curp: person.curp });
    expect(open[0]?.beneficiary).toBeNull();
  });

  it('gives a request to exactly one of two agents taking it at once, and only they can close it', async () => {
    const [request] = await listOpenCallbacks(database.db);
    const id = request?.id as number;
    const [ana, luis] = agents as [number, number];
    const results = await Promise.allSettled([
      takeCallback(database.db, id, ana, at(10)),
      takeCallback(database.db, id, luis, at(10)),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({
      reason: { code: 'CALLBACK_NOT_PENDING' },
    });

    const taker = (won[0] as PromiseFulfilledResult<{ takenBy: { id: number } }>).value.takenBy.id;
    const other = taker === ana ? luis : ana;
    await expect(closeCallback(database.db, id, other, 'done', at(12))).rejects.toMatchObject({
      code: 'CALLBACK_NOT_YOURS',
    });
    const closed = await closeCallback(database.db, id, taker, 'unreachable', at(12));
    expect(closed).toMatchObject({ status: 'unreachable', closedAt: at(12) });
    expect((await listOpenCallbacks(database.db)).map((c) => c.id)).not.toContain(id);
    // Closed, the number may ask again.
    expect(
      await requestCallback(
        database.db,
        { phone: closed.phone, beneficiaryId: null, callId: 'CA4', reason: 'busy' },
        at(20),
      ),
    ).toEqual({ created: true });
  });
});
