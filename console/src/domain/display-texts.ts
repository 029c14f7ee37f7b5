// The fee and rate texts a merchant must display, each distinct text once (terms often share them).
import type { PromotionalPlan } from '../api/contract.ts';

export interface DisplayText {
  description: string;
  message: string;
}

type TextSource = { description?: string; message?: string } | undefined;

/** The texts of these rates and fees, in order, without blanks or repeats. */
export function displayTexts(sources: TextSource[]): DisplayText[] {
  const seen = new Set<string>();
  const texts: DisplayText[] = [];
  for (const source of sources) {
    if (!source || (!source.description && !source.message)) continue;
    const key = `${source.description}\u0000${source.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    texts.push({ description: source.description ?? '', message: source.message ?? '' });
  }
  return texts;
}

export function planDisplayTexts(plan: PromotionalPlan): DisplayText[] {
  return displayTexts((plan.terms ?? []).flatMap((term) => [term.annual_rates, ...(term.fees ?? [])]));
}
