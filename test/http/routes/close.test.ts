// POST /accounts/{n}/close: Quebec only, no balance, C/CCUS, audited once, idempotent, and safe under concurrency.
import { beforeAll, describe, expect, it } from 'vitest';
import { auditTrailOf } from '../../../src/store/audit.js';
import { livePinsOf } from '../../../src/store/verifications.js';
import { API, API251, apiClient, nextReferenceId, type ApiClient } from '../../helpers/api.js';
import { describeEachStore } from '../../helpers/stores.js';

describeEachStore(
  'POST /accounts/{n}/close',
  (fixture) => {
    let api: ApiClient;
    beforeAll(async () => {
      api = await apiClient(fixture().ctx);
    });
    const close = (account: number | string, referenceId?: string) => api.call('POST', `${API}/accounts/${account}/close`, { referenceId });
    const accountRow = (n: number) => fixture().ctx.db.selectFrom('accounts').selectAll().where('account_number', '=', n).executeTakeFirstOrThrow();

    describe('refusals', () => {
      it('refuses an account outside Quebec (409 not_a_quebec_account)', async () => {
        const res = await close(116994755);
        expect(res.statusCode).toBe(409);
        expect(res.json().error).toBe('not_a_quebec_account');
        expect((await accountRow(116994755)).status).toBe('N');
      });
      it('refuses a Quebec account with a balance (409 balance_outstanding)', async () => {
        const res = await close(300000001);
        expect(res.statusCode).toBe(409);
        expect(res.json().error).toBe('balance_outstanding');
      });
      it('answers an unknown account with 404', async () => {
        expect((await close(99999999)).statusCode).toBe(404);
      });
      it('refuses a malformed account number with 409 wrong_inputs', async () => {
        expect((await close('12x')).statusCode).toBe(409);
      });
      it('leaves no audit entry for a refusal that changed nothing', async () => {
        expect(await auditTrailOf(fixture().ctx.db, 116994755)).toHaveLength(0);
      });
    });

    it('closes a Quebec account: C/CCUS, audited with client, merchant and reference id', async () => {
      const ref = nextReferenceId();
      const res = await close(116994859, ref);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ account_number: 116994859, account_status: 'C', account_status_reason_code: 'CCUS' });
      const row = await accountRow(116994859);
      expect([row.status, row.status_reason]).toEqual(['C', 'CCUS']);
      const trail = await auditTrailOf(fixture().ctx.db, 116994859);
      expect(trail).toHaveLength(1);
      expect(trail[0]).toMatchObject({ action: 'account.close', client_id: 'flexitidemo', merchant_id: '12345', reference_id: ref, outcome: 'closed' });
    });

    it('answers 200 again for a closed account, with no second audit entry', async () => {
      const res = await close(116994859);
      expect(res.statusCode).toBe(200);
      expect(await auditTrailOf(fixture().ctx.db, 116994859)).toHaveLength(1);
    });

    describe('effects everywhere', () => {
      it('search shows the status', async () => {
        const res = await api.call('GET', `${API}/customers/search?first_name=Flexiti&last_name=MITester&dob=1980-01-01`);
        const closed = (res.json() as { account_number: number; account_status: string; account_status_reason_code: string }[]).find(
          (a) => a.account_number === 116994859,
        );
        expect(closed).toMatchObject({ account_status: 'C', account_status_reason_code: 'CCUS' });
      });
      it('lookup still finds the account', async () => {
        expect((await api.call('GET', `${API}/customers/lookup?account_number=116994859`)).statusCode).toBe(200);
      });
      it('verify and calculate-interest refuse it', async () => {
        const v = await api.call('POST', `${API}/account/116994859/verify`, { body: { format: 'merchant_override', request_id: '1' } });
        expect([v.statusCode, v.json().error]).toEqual([409, 'user_not_able_to_purchase']);
        const c = await api.call('POST', `${API251}/accounts/116994859/calculate-interest`, { body: { amount: 10 } });
        expect([c.statusCode, c.json().error]).toEqual([409, 'user_not_able_to_purchase']);
      });
    });

    describe('idempotency by x-reference-id', () => {
      it('replays the first answer for the same reference id and body', async () => {
        const ref = nextReferenceId();
        const first = await close(116994755, ref);
        const again = await close(116994755, ref);
        expect(again.statusCode).toBe(first.statusCode);
        expect(again.body).toBe(first.body);
      });
      it('refuses the same reference id on another request (409 reference_id_reused)', async () => {
        const ref = nextReferenceId();
        await close(116994755, ref);
        const other = await close(300000001, ref);
        expect(other.statusCode).toBe(409);
        expect(other.json().error).toBe('reference_id_reused');
      });
    });

    describe('concurrency', () => {
      it('twenty concurrent closes of one account: twenty 200 answers, one audit entry', async () => {
        await fixture()
          .ctx.db.updateTable('accounts')
          .set({ status: 'N', status_reason: 'NNOR', balance_cents: 0 })
          .where('account_number', '=', 300000002)
          .execute();
        const answers = await Promise.all(Array.from({ length: 20 }, () => close(300000002)));
        expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(200));
        const trail = (await auditTrailOf(fixture().ctx.db, 300000002)).filter((e) => e.action === 'account.close');
        expect(trail).toHaveLength(1);
      });

      it('a close racing verifies never leaves a valid PIN on the closed account', async () => {
        const ctx = fixture().ctx;
        for (let round = 0; round < 5; round++) {
          await ctx.db
            .updateTable('accounts')
            .set({ status: 'N', status_reason: 'NNOR', province: 'QC', balance_cents: 0 })
            .where('account_number', '=', 20035156)
            .execute();
          const racers = [
            ...Array.from({ length: 4 }, () => api.call('POST', `${API}/account/20035156/verify`, { body: { format: 'merchant_override', request_id: 'r' } })),
            api.call('POST', `${API}/accounts/20035156/close`),
            ...Array.from({ length: 4 }, () =>
              api.call('POST', `${API}/account/20035156/verify`, { body: { format: 'regular_purchase_bypass', request_id: 'r' } }),
            ),
          ];
          const answers = await Promise.all(racers);
          expect(answers[4]?.statusCode).toBe(200);
          for (const a of answers) expect([200, 409]).toContain(a.statusCode);
          expect(await livePinsOf(ctx.db, 20035156, ctx.now())).toEqual([]);
        }
        await ctx.db.updateTable('accounts').set({ status: 'N', status_reason: 'NNOR', province: 'ON' }).where('account_number', '=', 20035156).execute();
      });
    });
  },
  { VERIFY_RATE_PER_ACCOUNT: '100000' },
);
