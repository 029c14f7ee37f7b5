// Cards are found by a keyed hash of their number: the number itself is never stored or logged.
import { createHmac } from 'node:crypto';

export type CardHasher = (cardNumber: string) => string;

export const cardHasher =
  (key: string): CardHasher =>
  (cardNumber) =>
    createHmac('sha256', key).update(cardNumber).digest('hex');
