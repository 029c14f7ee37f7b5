// Reads one CSV row's fields with their rules, gathering every problem of the row instead of stopping at the first.
import { isCalendarDate } from '../../domain/identity.js';
import { toCents } from '../../domain/money.js';

export type CsvRow = Record<string, string | undefined>;

/** Shown values are cut short: a report line stays readable whatever the file holds. */
const quote = (value: string) => JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);

export class FieldReader {
  readonly problems: string[] = [];
  constructor(private readonly row: CsvRow) {}

  problem(column: string, message: string): void {
    this.problems.push(`${column}: ${message}`);
  }

  /** Trimmed text; '' when the column is absent or empty and not required. */
  text(column: string, rule: { required?: boolean; max?: number; pattern?: RegExp; describe?: string } = {}): string {
    const value = (this.row[column] ?? '').trim();
    if (value === '') {
      if (rule.required) this.problem(column, 'is required');
      return '';
    }
    if (rule.max !== undefined && value.length > rule.max) this.problem(column, `is longer than ${rule.max} characters`);
    else if (rule.pattern && !rule.pattern.test(value)) this.problem(column, `${quote(value)} is not ${rule.describe ?? 'valid'}`);
    return value;
  }

  oneOf<T extends string>(column: string, allowed: readonly T[], describe: string): T {
    const value = this.text(column, { required: true });
    if (value !== '' && !allowed.includes(value as T)) this.problem(column, `${quote(value)} is not ${describe} (${allowed.join(', ')})`);
    return value as T;
  }

  /** A real calendar date, YYYY-MM-DD, within [from, to]. */
  date(column: string, from: string, to: string): string {
    const value = this.text(column, { required: true });
    if (value === '') return value;
    if (!isCalendarDate(value)) this.problem(column, `${quote(value)} is not a real date written YYYY-MM-DD`);
    else if (value < from || value > to) this.problem(column, `${value} is outside ${from} to ${to}`);
    return value;
  }

  /** Money with at most two decimals, as integer cents. */
  cents(column: string, rule: { required?: boolean; min?: number; fallback?: number } = {}): number {
    const value = this.text(column, { required: rule.required ?? true });
    if (value === '') return rule.fallback ?? 0;
    try {
      const cents = toCents(value);
      if (rule.min !== undefined && cents < rule.min) this.problem(column, `${quote(value)} is below ${rule.min / 100}`);
      return cents;
    } catch {
      this.problem(column, `${quote(value)} is not an amount with at most two decimals`);
      return 0;
    }
  }

  /** A whole number in [min, max]. */
  integer(column: string, min: number, max: number, rule: { required?: boolean } = { required: true }): number | undefined {
    const value = this.text(column, rule);
    if (value === '') return undefined;
    const n = /^[0-9]{1,16}$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      this.problem(column, `${quote(value)} is not a whole number from ${min} to ${max}`);
      return undefined;
    }
    return n;
  }

  flag(column: string): boolean {
    const value = this.text(column, { required: true }).toLowerCase();
    if (value === 'true' || value === '1') return true;
    if (value !== '' && value !== 'false' && value !== '0') this.problem(column, `${quote(value)} is not true or false`);
    return false;
  }
}
