// No error answer echoes a secret: JSON sent with the wrong content type (text/plain) used to come back whole in
// field_errors, client_secret and security_answer included.
import { beforeAll, expect, it } from 'vitest';
import { API, apiClient, nextReferenceId, TOKEN_URL, type ApiClient } from '../helpers/api.js';
import { describeEachStore } from '../helpers/stores.js';

const SECRETS = ['demo-secret', 'Fluffy-the-secret', 'r-token-123456'];

describeEachStore('error answers never echo a secret', (fixture) => {
  let api: ApiClient;
  beforeAll(async () => {
    api = await apiClient(fixture().ctx);
  });
  const expectNoSecret = (status: number, body: string) => {
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    for (const secret of SECRETS) expect(body).not.toContain(secret);
  };

  it.each(['text/plain', 'text/plain; charset=utf-8'])('the token call with JSON sent as %s', async (contentType) => {
    const res = await api.app.inject({
      method: 'POST',
      url: TOKEN_URL,
      headers: { 'content-type': contentType, 'x-reference-id': nextReferenceId() },
      payload: JSON.stringify({ grant_type: 'client_credentials', client_id: 'flexitidemo', client_secret: 'demo-secret', refresh_token: 'r-token-123456' }),
    });
    expectNoSecret(res.statusCode, res.body);
    expect(res.json().error).toBe('invalid_request');
  });
  it('verify with JSON sent as text/plain', async () => {
    const res = await api.call('POST', `${API}/account/20035156/verify`, {
      body: JSON.stringify({ format: 'security_question', security_qid: 4, security_answer: 'Fluffy-the-secret' }),
      headers: { 'content-type': 'text/plain' },
    });
    expectNoSecret(res.statusCode, res.body);
  });
  it('verify with the body as an array (secrets inside a value of the wrong shape)', async () => {
    const res = await api.call('POST', `${API}/account/20035156/verify`, {
      body: [{ format: 'security_question', security_qid: 4, security_answer: 'Fluffy-the-secret' }],
    });
    expectNoSecret(res.statusCode, res.body);
  });
  it('the token call with secrets nested in a field of the wrong type', async () => {
    const res = await api.app.inject({
      method: 'POST',
      url: TOKEN_URL,
      headers: { 'content-type': 'application/json', 'x-reference-id': nextReferenceId() },
      payload: JSON.stringify({ grant_type: { client_secret: 'demo-secret' }, client_id: 'flexitidemo', scope: { refresh_token: 'r-token-123456' } }),
    });
    expectNoSecret(res.statusCode, res.body);
  });
});
