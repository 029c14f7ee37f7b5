// The consistency rules a catalogue must meet beyond its shape (uniqueness, references, fee and rate rules).
import type { CatalogueFile, PlanEntry } from './catalogue-file.js';
import { PlanDecimal } from './plan-decimal.js';
import { NO_ADMIN_FEE_PROVINCE } from './provinces.js';
import type { PathError } from './schema-errors.js';

/** Expects a catalogue that already matches the schema; returns every rule it breaks. */
export function catalogueRuleErrors(catalogue: CatalogueFile): PathError[] {
  return [...duplicatePlanIds(catalogue), ...catalogue.plans.flatMap((plan, planIndex) => termRuleErrors(plan, planIndex)), ...offerReferenceErrors(catalogue)];
}

function duplicatePlanIds(catalogue: CatalogueFile): PathError[] {
  const firstIndexById = new Map<number, number>();
  const errors: PathError[] = [];
  catalogue.plans.forEach((plan, planIndex) => {
    const firstIndex = firstIndexById.get(plan.id);
    if (firstIndex === undefined) {
      firstIndexById.set(plan.id, planIndex);
    } else {
      errors.push({
        path: ['plans', planIndex, 'id'],
        message: `duplicate plan id ${plan.id} (already used by plans[${firstIndex}])`,
      });
    }
  });
  return errors;
}

function termRuleErrors(plan: PlanEntry, planIndex: number): PathError[] {
  const errors: PathError[] = [];
  const seenMonths = new Set<number>();
  plan.terms.forEach((term, termIndex) => {
    const termPath = ['plans', planIndex, 'terms', termIndex];
    if (seenMonths.has(term.months)) {
      errors.push({
        path: [...termPath, 'months'],
        message: `duplicate ${term.months}-month term in plan ${plan.id}`,
      });
    }
    seenMonths.add(term.months);
    if (new PlanDecimal(term.min_amount).greaterThan(new PlanDecimal(term.max_amount))) {
      errors.push({
        path: [...termPath, 'min_amount'],
        message: `min_amount ${term.min_amount} is greater than max_amount ${term.max_amount}`,
      });
    }
    const quebecFee = term.admin_fee.by_province?.[NO_ADMIN_FEE_PROVINCE];
    if (quebecFee !== undefined && new PlanDecimal(quebecFee).greaterThan(0)) {
      errors.push({
        path: [...termPath, 'admin_fee', 'by_province', NO_ADMIN_FEE_PROVINCE],
        message: `no admin fee may be charged in Quebec (QC): use "0.00" or leave QC out`,
      });
    }
    if (plan.category === 'no_interest' && !new PlanDecimal(term.apr).isZero()) {
      errors.push({
        path: [...termPath, 'apr'],
        message: `a no_interest plan's terms must have apr "0" (found "${term.apr}")`,
      });
    }
  });
  return errors;
}

function offerReferenceErrors(catalogue: CatalogueFile): PathError[] {
  const plansById = new Map(catalogue.plans.map((plan) => [plan.id, plan]));
  return catalogue.offers.flatMap((offer, offerIndex): PathError[] => {
    const plan = plansById.get(offer.plan_id);
    if (plan === undefined) {
      return [{ path: ['offers', offerIndex, 'plan_id'], message: `unknown plan ${offer.plan_id}` }];
    }
    const planMonths = new Set(plan.terms.map((term) => term.months));
    return (offer.term_months ?? [])
      .map((months, monthsIndex) => ({ months, monthsIndex }))
      .filter(({ months }) => !planMonths.has(months))
      .map(({ months, monthsIndex }) => ({
        path: ['offers', offerIndex, 'term_months', monthsIndex],
        message: `plan ${plan.id} has no ${months}-month term`,
      }));
  });
}
