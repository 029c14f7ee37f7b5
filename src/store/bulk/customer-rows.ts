// customers.csv: its columns, and the rules a row must meet to become a customer (with up to three security answers).
import { nameKey, parseLanguage } from '../../domain/identity.js';
import { POSTAL_DISTRICTS, PROVINCE_CODES } from './canadian-places.js';
import { FieldReader, type CsvRow } from './field-reader.js';
import type { CustomerRecord, SecurityAnswer } from './records.js';

export const CUSTOMER_COLUMNS = [
  'customer_id',
  'first_name',
  'last_name',
  'dob',
  'address_1',
  'address_2',
  'city',
  'province',
  'postal_code',
  'email',
  'phone',
  'preferred_language',
] as const;
export const REQUIRED_CUSTOMER_COLUMNS = [
  'customer_id',
  'first_name',
  'last_name',
  'dob',
  'address_1',
  'city',
  'province',
  'postal_code',
  'preferred_language',
];
export const MAX_ANSWERS = 3;
export const ANSWER_COLUMNS = Array.from({ length: MAX_ANSWERS }, (_, i) => [`security_qid_${i + 1}`, `security_answer_${i + 1}`] as const).flat();

export const CUSTOMER_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,19}$/;
/** Canada Post's format: no D, F, I, O, Q or U anywhere, no W or Z in first place. */
const POSTAL_CODE = /^([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]) ?(\d[ABCEGHJ-NPRSTV-Z]\d)$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_ANSWER_LENGTH = 50;

export type RowResult<T> = { ok: true; record: T } | { ok: false; problems: string[] };

/** Upper-cased, spacing kept as given (search compares postal keys, and an export gives back what was imported). */
function postalCodeOf(f: FieldReader, province: string): string {
  const value = f.text('postal_code', { required: true });
  if (value === '') return value;
  const m = POSTAL_CODE.exec(value.toUpperCase());
  if (!m) {
    f.problem('postal_code', `${JSON.stringify(value)} is not a Canadian postal code (A1A 1A1)`);
    return value;
  }
  const districts = POSTAL_DISTRICTS[province];
  if (districts && !districts.includes(value[0]!.toUpperCase())) f.problem('postal_code', `${m[1]} ${m[2]} is not a postal code of ${province}`);
  return value.toUpperCase();
}

/** Ten digits of a North American number; a leading 1 and punctuation are dropped. */
function phoneOf(f: FieldReader): string {
  const value = f.text('phone', { max: 30 });
  if (value === '') return value;
  const digits = value.replace(/[\s().+-]/g, '').replace(/^1(?=\d{10}$)/, '');
  if (!/^[2-9]\d{2}[2-9]\d{6}$/.test(digits)) f.problem('phone', `${JSON.stringify(value)} is not a 10-digit Canadian phone number`);
  return digits;
}

function answersOf(f: FieldReader, row: CsvRow): SecurityAnswer[] {
  const answers: SecurityAnswer[] = [];
  for (let i = 1; i <= MAX_ANSWERS; i++) {
    const qidColumn = `security_qid_${i}`;
    const answerColumn = `security_answer_${i}`;
    const hasQid = (row[qidColumn] ?? '').trim() !== '';
    const hasAnswer = (row[answerColumn] ?? '').trim() !== '';
    if (!hasQid && !hasAnswer) continue;
    // The answer is a secret: a problem with it names the column, never the value.
    if (!hasAnswer) f.problem(answerColumn, `is required with ${qidColumn}`);
    const questionId = f.integer(qidColumn, 1, 9);
    const answer = f.text(answerColumn, { max: MAX_ANSWER_LENGTH });
    if (questionId !== undefined && answers.some((a) => a.question_id === questionId)) f.problem(qidColumn, `question ${questionId} is answered twice`);
    if (questionId !== undefined && answer !== '') answers.push({ question_id: questionId, answer });
  }
  return answers;
}

export function customerFromRow(row: CsvRow, today: string): RowResult<CustomerRecord> {
  const f = new FieldReader(row);
  const id = f.text('customer_id', { required: true, pattern: CUSTOMER_ID, describe: 'a customer id (up to 20 letters, digits or dashes)' });
  const name = (column: string) => {
    const value = f.text(column, { required: true, max: 100 });
    if (value !== '' && nameKey(value) === '') f.problem(column, 'must contain a letter');
    return value;
  };
  const first_name = name('first_name');
  const last_name = name('last_name');
  const dob = f.date('dob', '1900-01-01', today);
  const address_1 = f.text('address_1', { required: true, max: 200 });
  const address_2 = f.text('address_2', { max: 200 });
  const city = f.text('city', { required: true, max: 100 });
  const province = f.oneOf('province', [...PROVINCE_CODES], 'a Canadian province or territory code');
  const postal_code = postalCodeOf(f, province);
  const email = f.text('email', { max: 254, pattern: EMAIL, describe: 'an email address' });
  const phone = phoneOf(f);
  const languageText = f.text('preferred_language', { required: true });
  const preferred_language = parseLanguage(languageText);
  if (languageText !== '' && !preferred_language) f.problem('preferred_language', `${JSON.stringify(languageText)} is not en-CA or fr-CA`);
  const answers = answersOf(f, row);
  if (f.problems.length > 0 || !preferred_language) return { ok: false, problems: f.problems };
  return { ok: true, record: { id, first_name, last_name, dob, address_1, address_2, city, province, postal_code, email, phone, preferred_language, answers } };
}

/** The row an export writes: no answers, ever (only their hashes are kept, and those stay in the database). */
export function customerToRow(c: CustomerRecord | Omit<CustomerRecord, 'answers'>): Record<string, string> {
  return {
    customer_id: c.id,
    first_name: c.first_name,
    last_name: c.last_name,
    dob: c.dob,
    address_1: c.address_1,
    address_2: c.address_2 ?? '',
    city: c.city,
    province: c.province,
    postal_code: c.postal_code,
    email: c.email ?? '',
    phone: c.phone ?? '',
    preferred_language: c.preferred_language,
  };
}

/** A generated customer as an import file carries it, answers in clear. */
export function customerToImportRow(c: CustomerRecord): Record<string, string> {
  const row = customerToRow(c);
  c.answers.forEach((a, i) => {
    row[`security_qid_${i + 1}`] = String(a.question_id);
    row[`security_answer_${i + 1}`] = a.answer;
  });
  return row;
}
