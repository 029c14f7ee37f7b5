// Reads the DBC sex element: the standard's 1/2/9 codes and the letters some jurisdictions write.

export type Sex = 'M' | 'F' | 'X';

export function readSex(raw: string): Sex | undefined {
  switch (raw.trim().toUpperCase()) {
    case '1':
    case 'M':
      return 'M';
    case '2':
    case 'F':
      return 'F';
    case '9':
    case 'X':
      return 'X';
    default:
      return undefined;
  }
}
