// The OAuth token call: client credentials and refresh grants, signed access tokens, rotated single-use refresh tokens.
import { createHash, randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { ApiError, invalidToken } from '../contract/errors.js';
import { refusals } from '../contract/refusals.js';
import type { TokenAnswer, TokenRequest } from '../contract/token.js';
import { SCOPES, type Principal, type Scope } from '../domain/principal.js';
import { BASE_KID } from '../security/key-versions.js';
import { slowHash, verifySlowHash } from '../security/slow-hash.js';
import type { UseCaseContext } from './context.js';
import type { ApiClientRecord, TokenKeys } from './ports.js';

const ISSUER = 'posapi';
const AUDIENCE = 'posapi';

const { invalidClient, invalidRequest } = refusals;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

// A fixed hash to compare against when the client is unknown, so a wrong id costs as long as a wrong secret.
let decoyHash: Promise<string> | undefined;

async function authenticateClient(ctx: UseCaseContext, clientId: string | undefined, secret: string | undefined) {
  if (!clientId || !secret || clientId.length > 100 || secret.length > 200) throw invalidClient();
  const client = await ctx.store.clients.find(clientId);
  if (!client || client.disabled) {
    decoyHash ??= slowHash('decoy', ctx.config.scryptCost);
    await verifySlowHash(secret, await decoyHash);
    throw invalidClient();
  }
  if (!(await verifySlowHash(secret, client.secret_hash))) throw invalidClient();
  return client;
}

/** The throttle's keys: the client id asked for (when there is one) and the caller's address. */
function throttleKeys(clientId: string | undefined, address: string): string[] {
  const keys = [`addr:${address.startsWith('::ffff:') ? address.slice(7) : address}`];
  if (clientId && clientId.length <= 100) keys.push(`client:${clientId}`);
  return keys;
}

/** The grant is one this service gives, and the client's credentials are right. */
async function authenticateGrant(ctx: UseCaseContext, request: TokenRequest): Promise<ApiClientRecord> {
  const grant = request.grant_type;
  if (grant !== 'client_credentials' && grant !== 'refresh_token') {
    throw invalidRequest(grant ? `The grant_type ${JSON.stringify(String(grant).slice(0, 40))} is not supported.` : 'grant_type is missing.');
  }
  return authenticateClient(ctx, request.client_id, request.client_secret);
}

/** `address` is the caller's: failed authentications are counted per address as well as per client id. */
export async function issueToken(ctx: UseCaseContext, request: TokenRequest, address: string): Promise<TokenAnswer> {
  // Every attempt counts as a failure before its secret is checked (the check is slow, and parallel attempts would
  // all pass a count read before any of them failed); past the limit for this client id or address, 429 at once.
  const reservation = await ctx.tokenFailures.reserve(throttleKeys(request.client_id, address));
  let client: ApiClientRecord;
  try {
    client = await authenticateGrant(ctx, request);
  } catch (error) {
    // Only a failed authentication stays counted: a malformed request, or a store failure, authenticated nobody.
    if (!(error instanceof ApiError && error.code === 'invalid_client')) await reservation.release();
    throw error;
  }
  await reservation.release();
  let scope: Scope;
  if (request.grant_type === 'refresh_token') {
    if (!request.refresh_token) throw invalidRequest('refresh_token is missing.');
    const spent = await ctx.store.refreshTokens.spend(sha256(request.refresh_token), client.id, ctx.now());
    if (!spent) throw refusals.refreshTokenSpent();
    scope = spent.scope as Scope;
  } else {
    const asked = request.scope ?? 'merchant';
    if (!SCOPES.includes(asked as Scope)) throw invalidRequest(`The scope must be one of ${SCOPES.join(', ')}.`);
    scope = asked as Scope;
  }
  return issueTokenPair(ctx, { clientId: client.id, merchantId: client.merchant_id, channel: client.channel, mayOverride: client.may_override === 1, scope });
}

/** Signs an access token for the principal and stores a fresh single-use refresh token beside it. */
export async function issueTokenPair(ctx: UseCaseContext, principal: Principal): Promise<TokenAnswer> {
  const ttl = ctx.config.tokenTtlSeconds;
  const issuedAt = Math.floor(ctx.now() / 1000);
  const signing = ctx.tokenKeys.signing();
  const accessToken = await new SignJWT({ scope: principal.scope, mid: principal.merchantId, ch: principal.channel, ovr: principal.mayOverride })
    // The kid names the key version, so every node checks it with that version while it lives (rotation).
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: signing.kid })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(principal.clientId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttl)
    .setJti(randomBytes(12).toString('base64url'))
    .sign(signing.key);
  const refreshToken = randomBytes(32).toString('base64url');
  await ctx.store.refreshTokens.insert({
    token_hash: sha256(refreshToken),
    client_id: principal.clientId,
    scope: principal.scope,
    access_expires_at: (issuedAt + ttl) * 1000,
    used_at: null,
    created_at: ctx.now(),
  });
  return { token_type: 'bearer', access_token: accessToken, expires_in: ttl, refresh_token: refreshToken };
}

/** For operators testing locally (`posapi token`): a token for a registered client, without its secret. */
export async function tokenForClient(ctx: UseCaseContext, clientId: string, scope: Scope): Promise<TokenAnswer> {
  const client = await ctx.store.clients.find(clientId);
  if (!client || client.disabled) throw invalidClient();
  return issueTokenPair(ctx, { clientId: client.id, merchantId: client.merchant_id, channel: client.channel, mayOverride: client.may_override === 1, scope });
}

/** Tokens signed before key versions existed carry no kid: the base key signed them. */
async function keyNamedBy(keys: TokenKeys, kid: string | undefined): Promise<Uint8Array> {
  const key = await keys.verifying(kid ?? BASE_KID);
  if (!key) throw invalidToken('The access token is invalid.');
  return key;
}

/** Checks an access token (signature pinned to HS256, issuer, audience, expiry) and says who it acts for, and until when. */
export async function verifyAccessToken(ctx: Pick<UseCaseContext, 'tokenKeys' | 'now'>, token: string): Promise<{ principal: Principal; expiresAt: number }> {
  try {
    const { payload } = await jwtVerify(token, (header) => keyNamedBy(ctx.tokenKeys, header.kid), {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      currentDate: new Date(ctx.now()),
      clockTolerance: 0,
      // Every token this service signs has them; one without an expiry would be good forever.
      requiredClaims: ['exp', 'iat', 'sub'],
    });
    const { sub, scope, mid, ch, ovr, exp } = payload as Record<string, unknown>;
    if (
      typeof sub !== 'string' ||
      typeof mid !== 'string' ||
      typeof exp !== 'number' ||
      !SCOPES.includes(scope as Scope) ||
      (ch !== 'in_store' && ch !== 'online')
    ) {
      throw invalidToken('The access token is malformed.');
    }
    return { principal: { clientId: sub, merchantId: mid, channel: ch, mayOverride: ovr === true, scope: scope as Scope }, expiresAt: exp * 1000 };
  } catch (error) {
    if (error instanceof ApiError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw invalidToken('The access token has expired.');
    throw invalidToken('The access token is invalid.');
  }
}
