// The fee and rate texts a merchant must display for a plan, each distinct text once (terms often share them).
import type { PromotionalPlan } from '../api/contract.ts';

export interface DisplayText {
  description: string;
  message: string;
}

export function planDisplayTexts(plan: PromotionalPlan): DisplayText[] {
  const seen = new Set<string>();
  const texts: DisplayText[] = [];
  for (const term of plan.terms ?? []) {
    for (const source of [term.annual_rates, ...(term.fees ?? [])]) {
      if (!source || (!source.description && !source.message)) continue;
      const key = `${source.description}\u0000${source.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      texts.push({ description: source.description ?? '', message: source.message ?? '' });
    }
  }
  return texts;
}
