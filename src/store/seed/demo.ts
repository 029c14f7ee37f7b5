// Loads the demo data into an empty database: merchants, API clients, customers, accounts, cards, questions, answers.
import { readFile } from 'node:fs/promises';
import { catalogueFromFile, parseCatalogue } from '../../domain/plans/index.js';
import { foldAnswer } from '../../domain/verification/answer.js';
import { toCents } from '../../domain/money.js';
import { slowHash } from '../../security/slow-hash.js';
import type { StoreTools } from '../open-store.js';
import { insertClient, upsertMerchant } from '../clients.js';
import { insertAccount, insertCard, insertCustomer } from '../customers.js';
import { writeCatalogue } from '../catalogue.js';
import type { Db } from '../schema.js';
import { DEMO_CLIENTS, DEMO_CUSTOMERS, DEMO_LOCATIONS, DEMO_MERCHANTS, SECURITY_QUESTIONS } from './demo-data.js';
import { addLocation } from '../locations.js';
import { packageFile } from '../../package-files.js';

export async function isEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('merchants').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

export async function seedSecurityQuestions(db: Db): Promise<void> {
  for (const q of SECURITY_QUESTIONS) {
    await db
      .insertInto('security_questions')
      .values(q)
      .onConflict((oc) => oc.column('id').doUpdateSet({ text_en: q.text_en, text_fr: q.text_fr }))
      .execute();
  }
}

/** The demo catalogue ships with the package, beside src/ and dist/. */
export const DEMO_CATALOGUE_PATH = packageFile('catalogue', 'demo-plans.yaml');

export async function seedDemo(ctx: StoreTools): Promise<void> {
  const parsed = parseCatalogue(await readFile(DEMO_CATALOGUE_PATH, 'utf8'), 'demo-plans.yaml');
  if (!parsed.ok) throw new Error(`the demo catalogue is invalid: ${JSON.stringify(parsed.errors[0])}`);
  const now = ctx.now();
  const cost = ctx.config.scryptCost;
  // Hash first: slow hashes must not hold the write transaction open.
  const clientSecrets = await Promise.all(DEMO_CLIENTS.map((c) => slowHash(c.secret, cost)));
  const answers = await Promise.all(DEMO_CUSTOMERS.map((c) => Promise.all(c.answers.map((a) => slowHash(foldAnswer(a.answer), cost)))));
  await ctx.db.transaction().execute(async (tx) => {
    for (const m of DEMO_MERCHANTS) await upsertMerchant(tx, m.id, m.name);
    for (const [i, c] of DEMO_CLIENTS.entries()) {
      await insertClient(tx, {
        id: c.id,
        secret_hash: clientSecrets[i] as string,
        merchant_id: c.merchant_id,
        channel: c.channel,
        may_override: c.may_override ? 1 : 0,
        disabled: 0,
        created_at: now,
      });
    }
    for (const location of DEMO_LOCATIONS) await addLocation(tx, { ...location, created_at: now });
    await seedSecurityQuestions(tx);
    for (const [i, c] of DEMO_CUSTOMERS.entries()) {
      await insertCustomer(tx, c, now);
      for (const [j, a] of c.answers.entries()) {
        await tx
          .insertInto('security_answers')
          .values({ customer_id: c.id, question_id: a.question_id, answer_hash: answers[i]?.[j] as string })
          .execute();
      }
      for (const a of c.accounts) {
        await insertAccount(tx, {
          account_number: a.account_number,
          customer_id: c.id,
          business_name: a.business_name ?? null,
          account_type: a.account_type,
          status: a.status,
          status_reason: a.status_reason,
          credit_limit_cents: toCents(a.credit_limit),
          open_to_buy_cents: toCents(a.available_credit),
          balance_cents: toCents(a.balance),
          holds_cents: 0,
          opening_balance_cents: toCents(a.balance),
          air: a.air,
          category_type: a.category_type,
          risk_rating: a.risk_rating,
          province: a.province,
          originating_merchant_id: a.originating_merchant_id,
          opened_on: a.opened_on,
          tos_agreement: a.tos_agreement ? 1 : 0,
          payment_protection: a.payment_protection ? 1 : 0,
          updated_at: now,
        });
        if (a.card_number) await insertCard(tx, ctx.cardHashes.current(a.card_number), a.card_number.slice(-4), a.account_number, now);
      }
    }
    await writeCatalogue(tx, catalogueFromFile(parsed.catalogue));
  });
}
