// The plan catalogue in the database: replaced whole in one transaction, read back whole.
import type { Catalogue, Offer, Plan } from '../domain/plans/index.js';
import { centsToString, toCents } from '../domain/money.js';
import type { Db } from './open-store.js';

const list = (values: readonly (string | number)[] | undefined) => (values && values.length ? values.join(',') : null);

/** Re-import replaces atomically: readers see the old catalogue or the new one, never a mix. */
export async function replaceCatalogue(db: Db, catalogue: Catalogue): Promise<void> {
  await db.transaction().execute((tx) => writeCatalogue(tx, catalogue));
}

/** Replaces the catalogue within the caller's transaction. */
export async function writeCatalogue(tx: Db, catalogue: Catalogue): Promise<void> {
  await tx.deleteFrom('plan_offers').execute();
  await tx.deleteFrom('plan_term_fees').execute();
  await tx.deleteFrom('plan_terms').execute();
  await tx.deleteFrom('plans').execute();
  for (const plan of catalogue.plans) {
    await tx.insertInto('plans').values({ id: plan.id, name_en: plan.name.en, name_fr: plan.name.fr, category: plan.category }).execute();
    for (const term of plan.terms) {
      await tx
        .insertInto('plan_terms')
        .values({
          plan_id: plan.id,
          months: term.months,
          apr: term.apr,
          min_amount_cents: toCents(term.min_amount),
          max_amount_cents: toCents(term.max_amount),
          provinces: list(term.provinces),
        })
        .execute();
      const fees: [string, string][] = [['*', term.admin_fee.default], ...(Object.entries(term.admin_fee.by_province ?? {}) as [string, string][])];
      for (const [province, fee] of fees) {
        await tx.insertInto('plan_term_fees').values({ plan_id: plan.id, months: term.months, province, fee_cents: toCents(fee) }).execute();
      }
    }
  }
  for (const offer of catalogue.offers) {
    await tx
      .insertInto('plan_offers')
      .values({ merchant_id: offer.merchant_id, plan_id: offer.plan_id, account_types: offer.account_types.join(','), provinces: list(offer.provinces), term_months: list(offer.term_months) })
      .execute();
  }
}

const split = (text: string | null) => (text ? text.split(',') : undefined);

export async function loadCatalogue(db: Db): Promise<Catalogue> {
  const [plans, terms, fees, offers] = await Promise.all([
    db.selectFrom('plans').selectAll().orderBy('id').execute(),
    db.selectFrom('plan_terms').selectAll().orderBy('plan_id').orderBy('months').execute(),
    db.selectFrom('plan_term_fees').selectAll().execute(),
    db.selectFrom('plan_offers').selectAll().orderBy('id').execute(),
  ]);
  const feeKey = (planId: number, months: number) => `${planId}/${months}`;
  const feesByTerm = new Map<string, { default: string; by_province?: Record<string, string> }>();
  for (const f of fees) {
    const entry = feesByTerm.get(feeKey(f.plan_id, f.months)) ?? { default: '0.00' };
    if (f.province === '*') entry.default = centsToString(f.fee_cents);
    else (entry.by_province ??= {})[f.province] = centsToString(f.fee_cents);
    feesByTerm.set(feeKey(f.plan_id, f.months), entry);
  }
  const catalogue = {
    plans: plans.map((p) => ({
      id: p.id,
      name: { en: p.name_en, fr: p.name_fr },
      category: p.category,
      terms: terms
        .filter((t) => t.plan_id === p.id)
        .map((t) => ({
          months: t.months,
          apr: t.apr,
          min_amount: centsToString(t.min_amount_cents),
          max_amount: centsToString(t.max_amount_cents),
          admin_fee: feesByTerm.get(feeKey(p.id, t.months)) ?? { default: '0.00' },
          ...(t.provinces ? { provinces: split(t.provinces) } : {}),
        })),
    })),
    offers: offers.map((o) => ({
      merchant_id: o.merchant_id,
      plan_id: o.plan_id,
      account_types: split(o.account_types),
      ...(o.provinces ? { provinces: split(o.provinces) } : {}),
      ...(o.term_months ? { term_months: split(o.term_months)?.map(Number) } : {}),
    })),
  };
  return catalogue as unknown as Catalogue;
}

export type { Offer, Plan };
