// PINs: four digits, never starting with 0 (the contract answers them as JSON numbers).

/** `randomInt` is passed in so the domain stays free of randomness of its own. */
export function newPin(randomInt: (min: number, max: number) => number): string {
  return String(randomInt(1000, 10000));
}

export type PinPurpose = 'purchase' | 'regular_purchase';
