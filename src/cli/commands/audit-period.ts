// The period of an audit export from --from and --to: a date is a whole UTC day, a timestamp an exact instant.
import { isCalendarDate } from '../../domain/identity.js';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;

export type PeriodBound = { ok: true; at: number } | { ok: false; message: string };

/**
 * `--from 2026-12-01 --to 2026-12-07` is the first seven days of December whole, so a date given to --to stands for
 * the end of that day; a timestamp must carry its zone (Z or ±hh:mm), as the host's own zone would make one command
 * mean two periods on two machines.
 */
export function periodBound(option: '--from' | '--to', text: string): PeriodBound {
  if (isCalendarDate(text)) {
    const start = Date.parse(`${text}T00:00:00Z`);
    return { ok: true, at: option === '--to' ? start + DAY_MS : start };
  }
  const at = TIMESTAMP.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(at) || !isCalendarDate(text.slice(0, 10)))
    return { ok: false, message: `${option} takes a date (YYYY-MM-DD, a whole UTC day) or a timestamp with its zone (2026-12-07T09:30:00Z)` };
  return { ok: true, at };
}
