// A signed-in API client: its tokens held in memory only, renewed before they expire, wiped on sign-out.
import { asApiFailure, type ApiFailure } from '../api/api-failure.ts';
import type { TokenAnswer } from '../api/contract.ts';
import { refreshToken, requestToken } from '../api/token.ts';
import { channelOf, type Channel } from './token-claims.ts';

/** Renew this long before expiry (or a fifth of the lifetime for very short tokens). */
const RENEW_MARGIN_SECONDS = 60;

export class Session {
  private accessToken: string;
  private refresh: string;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ended = false;
  readonly channel: Channel | undefined;

  private constructor(
    readonly clientId: string,
    // The refresh grant needs the secret again, so it stays in this closure's memory, never in storage.
    private readonly clientSecret: string,
    answer: TokenAnswer,
    private readonly onExpired: (failure: ApiFailure) => void,
  ) {
    this.accessToken = answer.access_token;
    this.refresh = answer.refresh_token;
    this.channel = channelOf(answer.access_token);
    this.scheduleRenewal(answer.expires_in);
  }

  static async signIn(clientId: string, clientSecret: string, onExpired: (failure: ApiFailure) => void): Promise<Session> {
    const answer = await requestToken(clientId, clientSecret);
    return new Session(clientId, clientSecret, answer, onExpired);
  }

  get token(): string {
    return this.accessToken;
  }

  /** In-store tills must send the till's transaction id when verifying; unknown channel counts as in store. */
  get isInStore(): boolean {
    return this.channel !== 'online';
  }

  end(): void {
    this.ended = true;
    clearTimeout(this.timer);
    this.accessToken = '';
    this.refresh = '';
  }

  private scheduleRenewal(expiresInSeconds: number): void {
    const margin = Math.min(RENEW_MARGIN_SECONDS, expiresInSeconds / 5);
    const delayMs = Math.max(1, expiresInSeconds - margin) * 1000;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.renew(), delayMs);
  }

  private async renew(): Promise<void> {
    if (this.ended) return;
    try {
      const answer = await refreshToken(this.clientId, this.clientSecret, this.refresh);
      if (this.ended) return;
      this.accessToken = answer.access_token;
      this.refresh = answer.refresh_token;
      this.scheduleRenewal(answer.expires_in);
    } catch (error) {
      if (!this.ended) this.onExpired(asApiFailure(error));
    }
  }
}
