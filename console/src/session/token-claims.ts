// Reads the till's channel from the access token's payload: a display hint only, the service decides for itself.

export type Channel = 'in_store' | 'online';

/** The `ch` claim of this service's JWTs, or undefined when the token is opaque or has none. */
export function channelOf(accessToken: string): Channel | undefined {
  const payload = accessToken.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = atob(
      payload
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(payload.length / 4) * 4, '='),
    );
    const claims = JSON.parse(json) as { ch?: unknown };
    return claims.ch === 'in_store' || claims.ch === 'online' ? claims.ch : undefined;
  } catch {
    return undefined;
  }
}
