// One HTTP call to the POS API: a fresh x-reference-id, the bearer token, JSON or form bodies, errors as ApiFailure.
import { ApiFailure, NETWORK_ERROR } from './api-failure.ts';
import type { ErrorBody } from './contract.ts';
import { newReferenceId } from './reference-id.ts';

/** Same origin as the console: the service serves both. */
export const API_ROOT = '/flexiti/pos-api';

export interface ApiRequest {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string | undefined>;
  json?: unknown;
  form?: Record<string, string>;
  token?: string;
}

function urlOf(path: string, query: ApiRequest['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined && value !== '') params.set(key, value);
  const search = params.toString();
  return `${API_ROOT}${path}${search ? `?${search}` : ''}`;
}

export async function callApi<T>(request: ApiRequest): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'x-reference-id': newReferenceId() };
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  let body: string | undefined;
  if (request.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.json);
  } else if (request.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(request.form).toString();
  }
  let response: Response;
  try {
    // no-store: customer data must not linger in the browser's HTTP cache.
    response = await fetch(urlOf(request.path, request.query), { method: request.method, headers, body, cache: 'no-store', credentials: 'omit' });
  } catch (error) {
    throw new ApiFailure(0, NETWORK_ERROR, error instanceof Error ? error.message : 'network error');
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) throw ApiFailure.fromBody(response.status, parsed as ErrorBody | undefined, response.headers.get('retry-after'));
  return parsed as T;
}
