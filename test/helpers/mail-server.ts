// A real SMTP server for tests (smtp-server on a loopback port): keeps every message it accepts, decoded, and can go
// down and come back on the same port.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Received {
  to: string;
  subject?: string;
  body: string;
}

/** Undoes quoted-printable (RFC 2045) into UTF-8 text. */
const fromQuotedPrintable = (text: string) =>
  Buffer.from(
    text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');

/** Undoes RFC 2047 encoded words in a header. */
const fromEncodedWords = (text: string) =>
  text.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_, encoding: string, data: string) =>
    encoding.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : fromQuotedPrintable(data.replace(/_/g, ' ')),
  );

/** The subject and text of a single-part message as SMTP carried it. */
function readMail(raw: string): { subject: string; body: string } {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
  const content = raw.slice(split).trim();
  const header = (name: string) => new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const body =
    encoding === 'quoted-printable' ? fromQuotedPrintable(content) : encoding === 'base64' ? Buffer.from(content, 'base64').toString('utf8') : content;
  return { subject: fromEncodedWords(header('Subject')), body: body.trim() };
}

/** Starts the server; `stop` and `start` make an outage and a recovery; an address put in `refused` is refused for good (550). */
export async function startMailServer() {
  const received: Received[] = [];
  const refused = new Set<string>();
  let server: SMTPServer | undefined;
  let port = 0;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        logger: false,
        onRcptTo(address, session, callback) {
          if (!refused.has(address.address)) return callback();
          callback(Object.assign(new Error(`5.1.1 <${address.address}>: no such mailbox`), { responseCode: 550 }));
        },
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            const mail = readMail(Buffer.concat(chunks).toString('utf8'));
            for (const rcpt of session.envelope.rcptTo) received.push({ to: rcpt.address, ...mail });
            callback();
          });
        },
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server?.server.address() as AddressInfo).port;
        resolve();
      });
    });
  const stop = () => new Promise<void>((resolve) => (server ? server.close(resolve) : resolve()));
  await start();
  return { received, refused, port: () => port, start, stop };
}
