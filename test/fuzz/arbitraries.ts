// fast-check arbitraries for the fuzz tests: requests to every endpoint, mostly well-formed, mutated in every way a
// careless or hostile client could: wrong types, missing and extra fields, huge and unicode values, broken JSON, wrong
// content types, overflowing path parameters, bad tokens and reference ids.
import fc, { type Arbitrary } from 'fast-check';
import { DEMO_CUSTOMERS } from '../../src/store/seed/demo-data.js';

/** `arbitrary` one time in `oneIn`, else null. (fc.option's `freq` is the other way round: 1/freq is the chance of null.) */
export function sometimes<T>(arbitrary: Arbitrary<T>, oneIn: number): Arbitrary<T | null> {
  return fc.oneof({ weight: 1, arbitrary }, { weight: oneIn - 1, arbitrary: fc.constant(null) });
}

/** A field left out of the body, query or headers. */
export const MISSING = Symbol('missing');
type Maybe<T> = T | typeof MISSING;

/** Who signs the request: resolved to a real token (or none) when the request is sent. */
export type AuthKind = 'merchant' | 'customer' | 'acme' | 'none' | { raw: string };

export interface FuzzRequest {
  method: 'GET' | 'POST';
  url: string;
  auth: AuthKind;
  referenceId: Maybe<string>;
  contentType: Maybe<string>;
  payload: Maybe<string>;
  remoteAddress?: string;
  /** Headers besides the usual ones (a spoiled optional header). */
  extraHeaders?: Record<string, string>;
  /** The path's client id as sent (decoded), to know when a 2xx is allowed. */
  pathClient: string;
}

export const DEMO_CARDS: string[] = DEMO_CUSTOMERS.flatMap((c) => c.accounts.flatMap((a) => (a.card_number ? [a.card_number] : [])));
export const DEMO_ACCOUNTS: number[] = DEMO_CUSTOMERS.flatMap((c) => c.accounts.map((a) => a.account_number));

function luhnComplete(digits: number[]): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits[digits.length - 1 - i] as number;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return `${digits.join('')}${(10 - (sum % 10)) % 10}`;
}

/** A demo card, or any 16-digit number that passes the Luhn check. */
export const cardNumber: Arbitrary<string> = fc.oneof(
  fc.constantFrom(...DEMO_CARDS),
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 15, maxLength: 15 }).map(luhnComplete),
);

const NASTY = [
  '',
  ' ',
  '\u0000',
  '\t\n',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1e309',
  '0x10',
  '١٢٣',
  '１２３',
  '💳💳',
  'é',
  'Ω≈ç√',
  '\u202eevil',
  '\ud800',
  "' OR '1'='1",
  '"; DROP TABLE accounts; --',
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  '%00',
  '%',
  '%E0%A4%A',
  '${jndi:ldap://x}',
  '__proto__',
  'constructor',
  '{{7*7}}',
  'true',
  '[]',
  '{}',
];

/** Any short text a client could send, from plain to hostile. */
export const text: Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 1, arbitrary: cardNumber },
  { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 5 }), cardNumber, fc.string({ maxLength: 5 })).map(([a, c, b]) => `${a}${c}${b}`) },
  { weight: 1, arbitrary: fc.integer({ min: 51, max: 3000 }).chain((n) => fc.constantFrom('x', '9', 'é', '💳').map((c) => c.repeat(n))) },
);

/** Strings big enough to cross the 64 KiB body limit, or come close to it. */
export const huge: Arbitrary<string> = fc.integer({ min: 20_000, max: 70_000 }).chain((n) => fc.constantFrom('x', '9', 'é', '💳').map((c) => c.repeat(n)));

/** A JSON value of another type than the field's. */
export const wrongType: Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(1e308, -0, 5e-324, 2 ** 53 + 1, -1),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
);

/** A field: mostly valid, sometimes any text, another type, huge, or left out. */
export function field<T>(valid: Arbitrary<T>): Arbitrary<unknown> {
  return fc.oneof(
    { weight: 20, arbitrary: valid },
    { weight: 2, arbitrary: text },
    { weight: 2, arbitrary: wrongType },
    { weight: 2, arbitrary: fc.constant(MISSING) },
  );
}

/** An object from fields (dropping the missing ones), sometimes with extra fields. */
export function objectOf(fields: Record<string, Arbitrary<unknown>>): Arbitrary<Record<string, unknown>> {
  const extra = sometimes(
    fc.dictionary(
      fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('prototype', 'toString', 'hasOwnProperty', 'valueOf')),
      fc.jsonValue({ maxDepth: 2 }),
      { maxKeys: 4 },
    ),
    4,
  );
  return fc.tuple(fc.record(fields), extra).map(([record, more]) => {
    const object: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(more ?? {})) Object.defineProperty(object, k, { value: v, enumerable: true, writable: true, configurable: true });
    for (const [k, v] of Object.entries(record)) if (v !== MISSING) object[k] = v;
    return object;
  });
}

/** Percent-encodes a string for a URL; a lone surrogate (which encodeURIComponent refuses) goes as its UTF-8 replacement. */
export function percent(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return encodeURIComponent(Buffer.from(s, 'utf8').toString('utf8'));
  }
}

const RAW_JSON = [
  '',
  '{',
  '}',
  '[]',
  'null',
  '"x"',
  '0',
  '{"a":',
  '{"format":"sms",}',
  "{'amount':1}",
  '{"amount":1}garbage',
  '\uFEFF{"amount":1}',
  '{"__proto__":{"polluted":true},"amount":1,"format":"sms","code":"x"}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`,
  '{"amount":1e999999}',
  '{"amount":-1e-999999}',
  '{"amount":10.50,"amount":"x"}',
  '{"format":"\\ud800"}',
  '{"format":"\\u0000"}',
];

/** A POST body: mostly the endpoint's own JSON, else broken, truncated, of another shape, form-encoded or huge. */
export function payloadOf(body: Arbitrary<Record<string, unknown>>): Arbitrary<Maybe<string>> {
  const json = body.map((b) => JSON.stringify(b));
  return fc.oneof(
    { weight: 40, arbitrary: json },
    { weight: 2, arbitrary: json.chain((s) => fc.nat({ max: Math.max(0, s.length - 1) }).map((n) => s.slice(0, n))) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_JSON) },
    { weight: 1, arbitrary: huge.map((h) => JSON.stringify({ code: h, amount: h, format: h, security_answer: h })) },
    {
      weight: 1,
      arbitrary: body.map((b) => new URLSearchParams(Object.entries(b).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])).toString()),
    },
    { weight: 1, arbitrary: fc.constant(MISSING) },
  );
}

export const contentType: Arbitrary<Maybe<string>> = fc.oneof(
  { weight: 40, arbitrary: fc.constant('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom<Maybe<string>>(
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=xyz',
      'application/xml',
      'application/json; charset=latin1',
      'application/vnd.api+json',
      '*/*',
      'garbage',
      'application/json;;;',
      '',
      MISSING,
    ),
  },
);

export const referenceId: Arbitrary<Maybe<string>> = fc.oneof(
  { weight: 40, arbitrary: fc.uuid() },
  // A small pool: the same reference id again, with the same or another body (replays and reuse).
  { weight: 2, arbitrary: fc.constantFrom('fuzz-ref-1', 'fuzz-ref-2', 'fuzz-ref-3') },
  { weight: 1, arbitrary: fc.constantFrom<Maybe<string>>(MISSING, '', ' ', 'x'.repeat(101), 'réf', 'tab\there') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 120 }).filter((s) => !/[\r\n\0]/.test(s)) },
);

export const auth: Arbitrary<AuthKind> = fc.oneof(
  { weight: 30, arbitrary: fc.constant<AuthKind>('merchant') },
  { weight: 4, arbitrary: fc.constant<AuthKind>('customer') },
  { weight: 1, arbitrary: fc.constant<AuthKind>('acme') },
  { weight: 1, arbitrary: fc.constant<AuthKind>('none') },
  {
    weight: 1,
    arbitrary: fc
      .string({ unit: 'binary-ascii', maxLength: 60 })
      .filter((s) => !/[\r\n\0]/.test(s))
      .map<AuthKind>((s) => ({ raw: `Bearer ${s}` })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<AuthKind>({ raw: 'Bearer' }, { raw: 'Basic Zm9vOmJhcg==' }, { raw: 'bearer a.b.c' }, { raw: `Bearer ${'a'.repeat(5000)}` }),
  },
);

function safeDecode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The path's client id: its own, another's, or junk (encoded), overlong included. */
export const clientSegment: Arbitrary<{ raw: string; decoded: string }> = fc.oneof(
  { weight: 30, arbitrary: fc.constant({ raw: 'flexitidemo', decoded: 'flexitidemo' }) },
  { weight: 1, arbitrary: fc.constant({ raw: 'acmedemo', decoded: 'acmedemo' }) },
  { weight: 2, arbitrary: text.map((t) => ({ raw: percent(t), decoded: t })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('%', '%ZZ', '%2e%2e', 'flexitidemo%00', 'a'.repeat(1001), 'FLEXITIDEMO', 'flexiti%64emo', 'acme%64emo')
      .map((raw) => ({ raw, decoded: safeDecode(raw) })),
  },
);

/** The path's account number: a demo account, or numbers and junk that overflow or break it. */
export const accountSegment: Arbitrary<string> = fc.oneof(
  { weight: 24, arbitrary: fc.constantFrom(...DEMO_ACCOUNTS.map(String)) },
  { weight: 2, arbitrary: fc.bigInt({ min: 0n, max: 10n ** 40n }).map(String) },
  { weight: 2, arbitrary: text.map(percent) },
  { weight: 1, arbitrary: cardNumber },
  {
    weight: 1,
    arbitrary: fc.constantFrom('-1', '0', '1.5', '1e5', '0x10', '00000000000000000000020035156', '9'.repeat(15), '9'.repeat(2000), '%', '%ZZ', '%20', '+1'),
  },
);

/** A query string from fields; values may repeat (arrays), and the raw string may be broken afterwards. */
export function queryOf(fields: Record<string, Arbitrary<unknown>>): Arbitrary<string> {
  const value = (valid: Arbitrary<unknown>) =>
    fc.oneof(
      { weight: 20, arbitrary: valid },
      { weight: 2, arbitrary: text },
      { weight: 1, arbitrary: fc.array(valid, { minLength: 2, maxLength: 3 }) },
      { weight: 2, arbitrary: fc.constant(MISSING) },
    );
  const mutated = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, value(v)]));
  const extra = sometimes(fc.dictionary(fc.string({ maxLength: 10 }), text, { maxKeys: 3 }), 5);
  // Now and then one huge parameter (a URL of tens of kilobytes).
  const big = sometimes(fc.tuple(fc.constantFrom(...Object.keys(fields), 'x'), huge), 25);
  const suffix = sometimes(
    fc.constantFrom('&%', '&a=%E0%A4%A', '&=', '&&&', '&vcc_number', '&first_name', '#frag', '&%00=%00', '&a[b]=1', '&__proto__[x]=1'),
    8,
  );
  return fc.tuple(fc.record(mutated), extra, suffix, big).map(([record, more, tail, large]) => {
    const parts: string[] = [];
    for (const [k, v] of [...Object.entries(record), ...Object.entries(more ?? {}), ...(large ? [large] : [])]) {
      if (v === MISSING) continue;
      for (const one of Array.isArray(v) ? v : [v]) parts.push(`${percent(k)}=${percent(typeof one === 'string' ? one : (JSON.stringify(one) ?? ''))}`);
    }
    return `${parts.join('&')}${tail ?? ''}`;
  });
}

export const lang = fc.constantFrom('en', 'fr', 'en-CA', 'fr-CA', 'EN_CA', 'de', 'en-US');

/** Text PostgreSQL cannot store: NUL, and lone UTF-16 surrogates (which have no UTF-8 form). */
const UNSTORABLE = ['\u0000', 'a\u0000b', '\ud800', '\udfff', 'x\udc00', '\u0000\ud83d'];
/** The same in a URL: a percent-encoded NUL, and a surrogate's code point encoded as if it were UTF-8 (CESU-8). */
const UNSTORABLE_IN_URL = ['%00', 'a%00b', '%ED%A0%80', '%ED%BF%BF'];
const HEADERS_TO_SPOIL = ['x-reference-id', 'authorization', 'x-idempotency-key', 'x-context-hash', 'content-type', 'accept-language'];

/** Spoils one string value of a JSON body (the `n`th, round robin), or the whole payload when it is not JSON. */
function spoilPayload(payload: string, bad: string, n: number): string {
  let body: unknown;
  try {
    body = JSON.parse(payload);
  } catch {
    return `${payload}${bad}`;
  }
  const strings: { holder: Record<string, unknown>; key: string }[] = [];
  // Bodies nest thousands deep: the walk keeps its own stack.
  const pending: unknown[] = [body];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (node === null || typeof node !== 'object') continue;
    for (const [key, child] of Object.entries(node)) {
      if (typeof child === 'string') strings.push({ holder: node as Record<string, unknown>, key });
      else pending.push(child);
    }
  }
  const target = strings[n % Math.max(1, strings.length)];
  if (target) target.holder[target.key] = `${String(target.holder[target.key])}${bad}`;
  else if (body !== null && typeof body === 'object') (body as Record<string, unknown>)[`k${bad}`] = bad;
  try {
    return JSON.stringify(body);
  } catch {
    // Nested deeper than JSON.stringify's stack: spoil the text instead.
    return `${payload}${bad}`;
  }
}

/**
 * The request with text no store can keep in one place: a path segment, a query value, a header or a body field.
 * Such text is bad input on every store alike: it must never reach a database (on PostgreSQL it failed with a 500).
 */
export function withUnstorableText(request: Arbitrary<FuzzRequest>): Arbitrary<FuzzRequest> {
  return fc
    .record({
      request,
      where: fc.constantFrom('path', 'query', 'header', 'body', 'body', 'body'),
      bad: fc.constantFrom(...UNSTORABLE),
      badInUrl: fc.constantFrom(...UNSTORABLE_IN_URL),
      header: fc.constantFrom(...HEADERS_TO_SPOIL),
      n: fc.nat(),
    })
    .map(({ request: r, where, bad, badInUrl, header, n }): FuzzRequest => {
      const q = r.url.indexOf('?');
      const [path, query] = q === -1 ? [r.url, ''] : [r.url.slice(0, q), r.url.slice(q + 1)];
      if (where === 'path') {
        const segments = path.split('/');
        // One of the segments after the version (the client id, an account, an authorization id, the verb).
        const at = Math.min(segments.length - 1, 5 + (n % Math.max(1, segments.length - 5)));
        segments[at] = `${segments[at] ?? ''}${badInUrl}`;
        return { ...r, url: `${segments.join('/')}${q === -1 ? '' : `?${query}`}` };
      }
      if (where === 'query') {
        const pairs = query ? query.split('&') : [];
        const at = n % Math.max(1, pairs.length);
        if (pairs.length) pairs[at] = `${pairs[at]}${badInUrl}`;
        else pairs.push(`x=${badInUrl}`);
        return { ...r, url: `${path}?${pairs.join('&')}` };
      }
      if (where === 'header') {
        if (header === 'x-reference-id') return { ...r, referenceId: `${r.referenceId === MISSING ? 'ref' : r.referenceId}${bad}` };
        if (header === 'authorization')
          return { ...r, auth: { raw: n % 2 ? `Basic ${Buffer.from(`flexitidemo${bad}:demo-secret`).toString('base64')}` : `Bearer ${bad}` } };
        if (header === 'content-type') return { ...r, contentType: `application/json${bad}` };
        return { ...r, extraHeaders: { [header]: `v${bad}` } };
      }
      return { ...r, payload: spoilPayload(r.payload === MISSING ? '{}' : r.payload, bad, n) };
    });
}
