// The Canadian province and territory codes a plan term or offer can be limited to.

export const PROVINCE_CODES = ['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT'] as const;

export type ProvinceCode = (typeof PROVINCE_CODES)[number];

/** The lender charges no admin fee in Quebec, whatever a catalogue file says. */
export const NO_ADMIN_FEE_PROVINCE: ProvinceCode = 'QC';

/** An absent list means "everywhere"; the lists in a catalogue restrict, they never extend. */
export function isAvailableIn(provinces: readonly string[] | undefined, province: string): boolean {
  return provinces === undefined || provinces.includes(province);
}

export function isProvinceCode(code: string): code is ProvinceCode {
  return (PROVINCE_CODES as readonly string[]).includes(code);
}
