// POST /oauth/token: the OAuth 2 token request and its answer.
import { Type, type Static } from 'typebox';
import { SCOPES } from '../domain/principal.js';
import { ClosedSet } from './common.js';

export const GRANT_TYPES = ['client_credentials', 'refresh_token'] as const;

export const TokenRequestSchema = Type.Object(
  {
    grant_type: Type.Optional(ClosedSet(GRANT_TYPES, { description: '`client_credentials` or `refresh_token`' })),
    client_id: Type.Optional(Type.String({ maxLength: 100, description: 'or as HTTP Basic credentials' })),
    client_secret: Type.Optional(Type.String({ maxLength: 200, description: 'or as HTTP Basic credentials' })),
    refresh_token: Type.Optional(Type.String({ maxLength: 200, description: 'with grant_type refresh_token' })),
    scope: Type.Optional(ClosedSet(SCOPES, { description: '`merchant` (default) or `customer`' })),
  },
  { title: 'TokenRequest' },
);

export const TokenAnswerSchema = Type.Object(
  {
    token_type: ClosedSet(['bearer']),
    access_token: Type.String(),
    expires_in: Type.Integer({ description: 'seconds' }),
    refresh_token: Type.String({ description: 'single use; valid while the access token is' }),
  },
  { title: 'TokenAnswer' },
);

export type TokenRequest = Static<typeof TokenRequestSchema>;
export type TokenAnswer = Static<typeof TokenAnswerSchema>;
