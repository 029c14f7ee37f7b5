// The OAuth token call: client credentials and refresh grants, signed access tokens, rotated single-use refresh tokens.
import { createHash, randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { ApiError, invalidToken } from '../contract/errors.js';
import { slowHash, verifySlowHash } from '../infra/security/slow-hash.js';
import { findClient } from '../store/clients.js';
import { insertRefreshToken, spendRefreshToken } from '../store/refresh-tokens.js';
import type { Principal, Scope, ServiceContext } from './context.js';
import type { FailureThrottle } from '../infra/failure-counters.js';

const ISSUER = 'posapi';
const AUDIENCE = 'posapi';
export const SCOPES: readonly Scope[] = ['merchant', 'customer'];

export interface TokenRequest {
  grant_type?: string;
  client_id?: string;
  client_secret?: string;
  refresh_token?: string;
  scope?: string;
}

/** Where a token call comes from: its remote address, and the throttle counting failed authentications. */
export interface TokenCaller {
  address: string;
  throttle: FailureThrottle;
}

export interface TokenAnswer {
  token_type: 'bearer';
  access_token: string;
  expires_in: number;
  refresh_token: string;
}

const invalidClient = () => new ApiError(400, 'invalid_client', 'The client id or secret is wrong or missing.');
const invalidRequest = (message: string) => new ApiError(400, 'invalid_request', message);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

// A fixed hash to compare against when the client is unknown, so a wrong id costs as long as a wrong secret.
let decoyHash: Promise<string> | undefined;

async function authenticateClient(ctx: ServiceContext, clientId: string | undefined, secret: string | undefined) {
  if (!clientId || !secret || clientId.length > 100 || secret.length > 200) throw invalidClient();
  const client = await findClient(ctx.db, clientId);
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

export async function issueToken(ctx: ServiceContext, request: TokenRequest, caller: TokenCaller): Promise<TokenAnswer> {
  // Too many failed authentications for this client id or from this address: refused before any secret is checked.
  const keys = throttleKeys(request.client_id, caller.address);
  await caller.throttle.check(keys);
  const grant = request.grant_type;
  if (grant !== 'client_credentials' && grant !== 'refresh_token') {
    throw invalidRequest(grant ? `The grant_type ${JSON.stringify(grant.slice(0, 40))} is not supported.` : 'grant_type is missing.');
  }
  const client = await authenticateClient(ctx, request.client_id, request.client_secret).catch(async (error: unknown) => {
    if (error instanceof ApiError && error.code === 'invalid_client') await caller.throttle.fail(keys);
    throw error;
  });
  let scope: Scope;
  if (grant === 'refresh_token') {
    if (!request.refresh_token) throw invalidRequest('refresh_token is missing.');
    const spent = await spendRefreshToken(ctx.db, sha256(request.refresh_token), client.id, ctx.now());
    if (!spent) throw invalidRequest('The refresh token is unknown, already used or expired.');
    scope = spent.scope as Scope;
  } else {
    const asked = request.scope ?? 'merchant';
    if (!SCOPES.includes(asked as Scope)) throw invalidRequest(`The scope must be one of ${SCOPES.join(', ')}.`);
    scope = asked as Scope;
  }
  return issueTokenPair(ctx, { clientId: client.id, merchantId: client.merchant_id, channel: client.channel, mayOverride: client.may_override === 1, scope });
}

/** Signs an access token for the principal and stores a fresh single-use refresh token beside it. */
export async function issueTokenPair(ctx: ServiceContext, principal: Principal): Promise<TokenAnswer> {
  const ttl = ctx.config.tokenTtlSeconds;
  const issuedAt = Math.floor(ctx.now() / 1000);
  const accessToken = await new SignJWT({ scope: principal.scope, mid: principal.merchantId, ch: principal.channel, ovr: principal.mayOverride })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(principal.clientId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttl)
    .setJti(randomBytes(12).toString('base64url'))
    .sign(signingKey(ctx));
  const refreshToken = randomBytes(32).toString('base64url');
  await insertRefreshToken(ctx.db, {
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
export async function tokenForClient(ctx: ServiceContext, clientId: string, scope: Scope): Promise<TokenAnswer> {
  const client = await findClient(ctx.db, clientId);
  if (!client) throw invalidClient();
  return issueTokenPair(ctx, { clientId: client.id, merchantId: client.merchant_id, channel: client.channel, mayOverride: client.may_override === 1, scope });
}

const keyCache = new WeakMap<ServiceContext, Uint8Array>();
function signingKey(ctx: ServiceContext): Uint8Array {
  let key = keyCache.get(ctx);
  if (!key) keyCache.set(ctx, (key = new TextEncoder().encode(ctx.keys.tokenSigning)));
  return key;
}

/** Tokens already verified, until they expire: a till sends the same token thousands of times. */
const MAX_REMEMBERED = 10_000;
const verified = new WeakMap<ServiceContext, Map<string, { principal: Principal; expiresAt: number }>>();

function rememberedTokens(ctx: ServiceContext): Map<string, { principal: Principal; expiresAt: number }> {
  let remembered = verified.get(ctx);
  if (!remembered) verified.set(ctx, (remembered = new Map()));
  return remembered;
}

/** The principal of a token verified before and not yet expired, without waiting: the request path's usual case. */
export function rememberedPrincipal(ctx: ServiceContext, token: string): Principal | undefined {
  const remembered = rememberedTokens(ctx);
  const hit = remembered.get(token);
  if (!hit) return undefined;
  if (hit.expiresAt > ctx.now()) return hit.principal;
  remembered.delete(token);
  return undefined;
}

/** Verifies an access token (signature pinned to HS256, issuer, audience, expiry) and returns who it acts for. */
export async function verifyAccessToken(ctx: ServiceContext, token: string): Promise<Principal> {
  const hit = rememberedPrincipal(ctx, token);
  if (hit) return hit;
  const { principal, expiresAt } = await verifySignedToken(ctx, token);
  const remembered = rememberedTokens(ctx);
  if (remembered.size >= MAX_REMEMBERED) remembered.delete(remembered.keys().next().value as string);
  remembered.set(token, { principal, expiresAt });
  return principal;
}

async function verifySignedToken(ctx: ServiceContext, token: string): Promise<{ principal: Principal; expiresAt: number }> {
  try {
    const { payload } = await jwtVerify(token, signingKey(ctx), {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      currentDate: new Date(ctx.now()),
      clockTolerance: 0,
      // Every token this service signs has them; one without an expiry would be good forever.
      requiredClaims: ['exp', 'iat', 'sub'],
    });
    const { sub, scope, mid, ch, ovr, exp } = payload as Record<string, unknown>;
    if (typeof sub !== 'string' || typeof mid !== 'string' || typeof exp !== 'number' || !SCOPES.includes(scope as Scope) || (ch !== 'in_store' && ch !== 'online')) {
      throw invalidToken('The access token is malformed.');
    }
    return { principal: { clientId: sub, merchantId: mid, channel: ch, mayOverride: ovr === true, scope: scope as Scope }, expiresAt: exp * 1000 };
  } catch (error) {
    if (error instanceof ApiError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw invalidToken('The access token has expired.');
    throw invalidToken('The access token is invalid.');
  }
}
