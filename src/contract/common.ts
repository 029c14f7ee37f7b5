// Shapes shared by every route: the error body, the caller's headers, the client_id path parameter.
import { Type } from 'typebox';
import { DEMO_ACCOUNT_NUMBER, DEMO_CLIENT_ID, EXAMPLE_REFERENCE_ID } from './examples.js';

/**
 * A closed set of text values, as an OpenAPI `enum` of strings: generators make a union type of it (a union of literals
 * becomes `anyOf` of `const`s, which some of them turn into a plain string).
 */
export const ClosedSet = <const T extends readonly string[]>(values: T, options: { description?: string } = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });

/** The spellings of the `lang` parameter (parseLanguage reads them): the contract's, and the original's `EN_CA`. */
export const LANG_VALUES = ['en', 'fr', 'en-CA', 'fr-CA', 'EN_CA', 'FR_CA'] as const;
export const LangParam = ClosedSet(LANG_VALUES, { description: 'en, fr, en-CA or fr-CA; default the customer’s preferred language' });
export const PREFERRED_LANGUAGES = ['en-CA', 'fr-CA'] as const;

/** 1 to 100 printable ASCII characters. */
export const REFERENCE_ID_PATTERN = '^[\\x20-\\x7E]{1,100}$';
export const referenceIdPattern = new RegExp(REFERENCE_ID_PATTERN);

export const FieldErrorSchema = Type.Object({
  param: Type.String({ description: 'the parameter at fault, as the client named it' }),
  msg: Type.String({ description: 'what is wrong with it' }),
  value: Type.Optional(Type.Unknown({ description: 'the value received; left out for secrets, masked for card numbers' })),
});

export const ErrorBodySchema = Type.Object(
  {
    url: Type.String({ description: 'the request path' }),
    message: Type.String({ description: 'a sentence for people' }),
    error: Type.String({ description: 'a snake_case code for programs' }),
    reference_id: Type.Optional(Type.String({ description: "the request's x-reference-id" })),
    field_errors: Type.Optional(Type.Array(FieldErrorSchema)),
  },
  { $id: 'ErrorBody', description: "The lender's error model" },
);

export const ReferenceIdHeaders = Type.Object({
  'x-reference-id': Type.String({
    pattern: REFERENCE_ID_PATTERN,
    description:
      "the caller's id for this request (1–100 printable ASCII characters), fresh for each new request; echoed back. Repeating a POST with the same id and body replays its first answer",
    examples: [EXAMPLE_REFERENCE_ID],
  }),
});

export const ClientIdParam = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: '^[A-Za-z0-9_.-]+$',
  description: 'the API client id; a token works only on its own',
  examples: [DEMO_CLIENT_ID],
});
export const AccountNumberParam = Type.String({
  pattern: '^[0-9]{1,14}$',
  description: 'the account number (up to 14 digits)',
  examples: [String(DEMO_ACCOUNT_NUMBER)],
});

/** The error answers every authenticated route may give. */
export const commonErrors = {
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  409: ErrorBodySchema,
  429: ErrorBodySchema,
};
