// POST /oauth/token: the OAuth 2 token request and its answer.
import { Type, type Static } from 'typebox';

export const TokenRequestSchema = Type.Object({
  grant_type: Type.Optional(Type.String({ maxLength: 50, description: '`client_credentials` or `refresh_token`' })),
  client_id: Type.Optional(Type.String({ maxLength: 100 })),
  client_secret: Type.Optional(Type.String({ maxLength: 200 })),
  refresh_token: Type.Optional(Type.String({ maxLength: 200, description: 'with grant_type refresh_token' })),
  scope: Type.Optional(Type.String({ maxLength: 50, description: '`merchant` (default) or `customer`' })),
});

export const TokenAnswerSchema = Type.Object({
  token_type: Type.Literal('bearer'),
  access_token: Type.String(),
  expires_in: Type.Integer({ description: 'seconds' }),
  refresh_token: Type.String({ description: 'single use; valid while the access token is' }),
});

export type TokenRequest = Static<typeof TokenRequestSchema>;
export type TokenAnswer = Static<typeof TokenAnswerSchema>;
