// The plan catalogue in the database, in cents: replaced whole in one transaction, read back whole into the domain's
// catalogue, and kept a few seconds so a request costs no catalogue query.
import { ACCOUNT_TYPES, buildCatalogue, isProvinceCode, type AccountType, type Catalogue, type TermInput } from '../domain/plans/index.js';
import type { CataloguePort } from '../use-cases/ports.js';
import type { Db } from './schema.js';

const list = (values: readonly (string | number)[] | undefined) => (values && values.length ? values.join(',') : null);

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
          min_amount_cents: term.minCents,
          max_amount_cents: term.maxCents,
          provinces: list(term.provinces),
        })
        .execute();
      const fees: [string, number][] = [['*', term.adminFeeCents], ...term.adminFeeCentsByProvince];
      for (const [province, feeCents] of fees) {
        await tx.insertInto('plan_term_fees').values({ plan_id: plan.id, months: term.months, province, fee_cents: feeCents }).execute();
      }
    }
  }
  for (const offer of catalogue.offers) {
    await tx
      .insertInto('plan_offers')
      .values({
        merchant_id: offer.merchantId,
        plan_id: offer.planId,
        account_types: offer.accountTypes.join(','),
        provinces: list(offer.provinces),
        term_months: list(offer.termMonths),
      })
      .execute();
  }
}

/** A stored list of codes; the import checked them, so an unknown one means the table was edited by hand. */
function codes<Code extends string>(text: string, known: (code: string) => code is Code, what: string): readonly Code[] {
  return text.split(',').map((code) => {
    if (!known(code)) throw new Error(`the plan catalogue holds an unknown ${what}: ${code}`);
    return code;
  });
}

const provinces = (text: string | null) => (text ? codes(text, isProvinceCode, 'province code') : undefined);
const isAccountType = (type: string): type is AccountType => (ACCOUNT_TYPES as readonly string[]).includes(type);
const accountTypes = (text: string) => codes(text, isAccountType, 'account type');

export async function loadCatalogue(db: Db): Promise<Catalogue> {
  const [plans, terms, fees, offers] = await Promise.all([
    db.selectFrom('plans').selectAll().execute(),
    db.selectFrom('plan_terms').selectAll().execute(),
    db.selectFrom('plan_term_fees').selectAll().execute(),
    db.selectFrom('plan_offers').selectAll().orderBy('id').execute(),
  ]);
  const termKey = (planId: number, months: number) => `${planId}/${months}`;
  const feesByTerm = new Map<string, { defaultCents: number; byProvince: Map<string, number> }>();
  for (const f of fees) {
    const key = termKey(f.plan_id, f.months);
    const entry = feesByTerm.get(key) ?? { defaultCents: 0, byProvince: new Map<string, number>() };
    if (f.province === '*') entry.defaultCents = f.fee_cents;
    else entry.byProvince.set(f.province, f.fee_cents);
    feesByTerm.set(key, entry);
  }
  const termsOf = (planId: number): TermInput[] =>
    terms
      .filter((t) => t.plan_id === planId)
      .map((t) => {
        const fee = feesByTerm.get(termKey(planId, t.months));
        const where = provinces(t.provinces);
        return {
          months: t.months,
          apr: t.apr,
          minCents: t.min_amount_cents,
          maxCents: t.max_amount_cents,
          adminFeeCents: fee?.defaultCents ?? 0,
          adminFeeCentsByProvince: new Map([...(fee?.byProvince ?? [])].sort(([a], [b]) => a.localeCompare(b))),
          ...(where ? { provinces: where } : {}),
        };
      });
  return buildCatalogue({
    plans: plans.map((p) => ({ id: p.id, name: { en: p.name_en, fr: p.name_fr }, category: p.category, terms: termsOf(p.id) })),
    offers: offers.map((o) => {
      const where = provinces(o.provinces);
      return {
        merchantId: o.merchant_id,
        planId: o.plan_id,
        accountTypes: accountTypes(o.account_types),
        ...(where ? { provinces: where } : {}),
        ...(o.term_months ? { termMonths: o.term_months.split(',').map(Number) } : {}),
      };
    }),
  });
}

/** Another process's import is seen within this long. */
const KEPT_MS = 5000;

/**
 * The catalogue as use cases read it: loaded once and kept briefly, since every lookup and quote reads it and it
 * changes only on an import. A replacement made through this source is seen at once.
 */
export function catalogueSource(db: Db, now: () => number = Date.now): CataloguePort & { writeIn(tx: Db): CataloguePort } {
  let kept: { at: number; catalogue: Promise<Catalogue> } | undefined;
  const current = () => {
    const at = now();
    if (kept && at - kept.at < KEPT_MS) return kept.catalogue;
    const catalogue = loadCatalogue(db);
    kept = { at, catalogue };
    catalogue.catch(() => (kept = undefined));
    return catalogue;
  };
  const replaceIn = async (tx: Db, catalogue: Catalogue) => {
    await writeCatalogue(tx, catalogue);
    kept = undefined;
  };
  return {
    current,
    replace: (catalogue) => db.transaction().execute((tx) => replaceIn(tx, catalogue)),
    writeIn: (tx) => ({ current, replace: (catalogue) => replaceIn(tx, catalogue) }),
  };
}
