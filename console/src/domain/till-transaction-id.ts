// A till transaction id for verify's request_id: 20 digits like the lender's example (date, time, 6 random digits).

export function newTillTransactionId(now: Date = new Date()): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  const random = crypto.getRandomValues(new Uint32Array(1))[0]! % 1_000_000;
  return `${stamp}${pad(random, 6)}`;
}
