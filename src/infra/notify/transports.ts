// How outbox messages leave: SMTP for email, an HTTP gateway for SMS; a channel with neither holds its messages.
import type { Transporter } from 'nodemailer';
import type { Config } from '../../config.js';
import { maskedRecipient } from '../../domain/verification/messages.js';

export interface OutgoingMessage {
  to: string;
  subject?: string;
  body: string;
}

/** What became of a message: handed to the SMTP server or SMS gateway, or held (the channel has none), and why. */
export type Delivery = { sent: true } | { held: string };
const SENT: Delivery = { sent: true };

/** A transport that cannot hand a message over throws an error whose message is one sentence for `posapi outbox list`. */
export interface Transport {
  readonly name: string;
  send(message: OutgoingMessage): Promise<Delivery>;
  close?(): void;
}

/** The server refused this message for good (SMTP 5xx, a gateway's 4xx): trying again would be refused again. */
export class UndeliverableError extends Error {}

/**
 * nodemailer's error: `responseCode` when the server answered with a refusal (5xx for good, 4xx for now), none when
 * it was not reached.
 */
function smtpFailure(error: unknown): Error {
  const e = error as { responseCode?: number; response?: string; message?: string };
  if (typeof e.responseCode !== 'number') return new Error(`SMTP server not reached: ${e.message ?? String(error)}`);
  const refusal = `SMTP server refused it: ${e.response ?? e.message ?? e.responseCode}`;
  return e.responseCode >= 500 ? new UndeliverableError(refusal) : new Error(refusal);
}

/** A gateway's 4xx says the request itself is wrong (an unknown number, a bad token): but for 408 and 429, retrying cannot help. */
const refusedForGood = (status: number) => status >= 400 && status < 500 && status !== 408 && status !== 429;

/** fetch's "fetch failed" says nothing: the reason is its cause's (ECONNREFUSED, a timeout). */
function gatewayUnreached(error: unknown): Error {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const why = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return new Error(`SMS gateway not reached: ${why}`);
}

/** nodemailer is loaded on the first email: a service without SMTP never pays for it. */
async function createTransporter(smtp: NonNullable<Config['smtp']>): Promise<Transporter> {
  const { default: nodemailer } = await import('nodemailer');
  return smtp.url
    ? nodemailer.createTransport(smtp.url)
    : nodemailer.createTransport({
        host: smtp.host,
        port: smtp.port ?? (smtp.secure ? 465 : 587),
        secure: smtp.secure,
        auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      });
}

export function smtpTransport(smtp: NonNullable<Config['smtp']>): Transport {
  let transporter: Promise<Transporter> | undefined;
  return {
    name: 'smtp',
    async send(message) {
      transporter ??= createTransporter(smtp);
      const mailer = await transporter;
      try {
        await mailer.sendMail({ from: smtp.from, to: message.to, subject: message.subject ?? '', text: message.body });
      } catch (error) {
        throw smtpFailure(error);
      }
      return SENT;
    },
    close: () => void transporter?.then((t) => t.close()),
  };
}

/** A plain JSON POST of `to` and `body`; any 2xx is delivered, anything else is retried. */
export function smsGatewayTransport(gateway: NonNullable<Config['smsGateway']>): Transport {
  return {
    name: 'sms-gateway',
    async send(message) {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(gateway.token ? { authorization: `Bearer ${gateway.token}` } : {}) },
        body: JSON.stringify({ to: message.to, body: message.body }),
        signal: AbortSignal.timeout(10_000),
      }).catch((error: unknown) => {
        throw gatewayUnreached(error);
      });
      if (refusedForGood(response.status)) throw new UndeliverableError(`SMS gateway refused it: answered ${response.status}`);
      if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
      return SENT;
    },
  };
}

/** The log line of a message kept in the outbox: this one message, with the channel and the masked address as fields. */
export type OutboxLog = (fields: { channel: 'sms' | 'email'; to: string }) => void;

/** Why a channel without a transport holds its messages: the setting it lacks. */
export const HELD_BECAUSE = {
  sms: 'no SMS gateway configured (SMS_GATEWAY_URL)',
  email: 'no SMTP server configured (SMTP_URL or SMTP_HOST)',
} as const;

/** The embedded default: the message is held in the outbox (read it with `posapi outbox list`); the log says where. */
export function holdingTransport(log: OutboxLog, channel: 'sms' | 'email'): Transport {
  return {
    name: 'hold',
    async send(message) {
      log({ channel, to: maskedRecipient(channel, message.to) });
      return { held: HELD_BECAUSE[channel] };
    },
  };
}

/** The channels a node with this config cannot send on, and why: its messages on them are held as they are written. */
export function heldChannelsOf(config: Pick<Config, 'smsGateway' | 'smtp'>): Partial<Record<'sms' | 'email', string>> {
  const held: Partial<Record<'sms' | 'email', string>> = {};
  if (!config.smsGateway) held.sms = HELD_BECAUSE.sms;
  if (!config.smtp) held.email = HELD_BECAUSE.email;
  return held;
}

export interface Transports {
  sms: Transport;
  email: Transport;
}

export function transportsFor(config: Config, log: OutboxLog): Transports {
  return {
    sms: config.smsGateway ? smsGatewayTransport(config.smsGateway) : holdingTransport(log, 'sms'),
    email: config.smtp ? smtpTransport(config.smtp) : holdingTransport(log, 'email'),
  };
}
