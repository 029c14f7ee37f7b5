// The OAuth token call: a token from the client's credentials, and its renewal with the single-use refresh token.
import type { TokenAnswer } from './contract.ts';
import { callApi } from './http.ts';

const TOKEN_PATH = '/v2.5/oauth/token';

export function requestToken(clientId: string, clientSecret: string): Promise<TokenAnswer> {
  return callApi<TokenAnswer>({
    method: 'POST',
    path: TOKEN_PATH,
    form: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: 'merchant' },
  });
}

export function refreshToken(clientId: string, clientSecret: string, refresh: string): Promise<TokenAnswer> {
  return callApi<TokenAnswer>({
    method: 'POST',
    path: TOKEN_PATH,
    form: { grant_type: 'refresh_token', client_id: clientId, client_secret: clientSecret, refresh_token: refresh },
  });
}
