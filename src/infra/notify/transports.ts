// How outbox messages leave: SMTP for email, an HTTP gateway for SMS, or the log when neither is configured.
import type { Transporter } from 'nodemailer';
import type { Config } from '../../config.js';
import { maskEmail, maskPhone } from '../../domain/identity.js';

export interface OutgoingMessage {
  to: string;
  subject?: string;
  body: string;
}

export interface Transport {
  readonly name: string;
  send(message: OutgoingMessage): Promise<void>;
  close?(): void;
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
      await (await transporter).sendMail({ from: smtp.from, to: message.to, subject: message.subject ?? '', text: message.body });
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
      });
      if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
    },
  };
}

/** The log line of a message kept in the outbox: this one message, with the channel and the masked address as fields. */
export const KEPT_IN_OUTBOX = 'message not sent (no SMS gateway or SMTP server configured); read it with `posapi outbox list`';
export type OutboxLog = (fields: { channel: 'sms' | 'email'; to: string }) => void;

/** The embedded default: the message stays in the outbox (read it with `posapi outbox list`); the log says where. */
export function logTransport(log: OutboxLog, channel: 'sms' | 'email'): Transport {
  return {
    name: 'log',
    async send(message) {
      const to = channel === 'sms' ? maskPhone(message.to) : maskEmail(message.to);
      log({ channel, to });
    },
  };
}

export interface Transports {
  sms: Transport;
  email: Transport;
}

export function transportsFor(config: Config, log: OutboxLog): Transports {
  return {
    sms: config.smsGateway ? smsGatewayTransport(config.smsGateway) : logTransport(log, 'sms'),
    email: config.smtp ? smtpTransport(config.smtp) : logTransport(log, 'email'),
  };
}
