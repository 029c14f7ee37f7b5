// Money, rates and dates written the way each language writes them (Canadian English and French).
import type { Lang } from './dictionary.ts';

const LOCALE: Record<Lang, string> = { en: 'en-CA', fr: 'fr-CA' };

export function formatMoney(lang: Lang, amount: number | string): string {
  const value = typeof amount === 'string' ? Number(amount) : amount;
  if (!Number.isFinite(value)) return String(amount);
  return new Intl.NumberFormat(LOCALE[lang], { style: 'currency', currency: 'CAD' }).format(value);
}

/** A rate as the lender sends it (0.0999) shown as a percentage with up to two decimals. */
export function formatRate(lang: Lang, rate: number): string {
  return new Intl.NumberFormat(LOCALE[lang], { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(rate);
}

/** YYYY-MM-DD as a long date; shown as given when it is not such a date. */
export function formatDate(lang: Lang, isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** An instant as the service sends it (ISO 8601, UTC) as the till's local date and time. */
export function formatDateTime(lang: Lang, isoInstant: string): string {
  const date = new Date(isoInstant);
  if (Number.isNaN(date.getTime())) return isoInstant;
  return new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
