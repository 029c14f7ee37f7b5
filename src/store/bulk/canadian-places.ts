// Canadian provinces as the generator draws them: population share, French-speaking share, cities with real postal prefixes, area codes.

export interface City {
  name: string;
  /** Forward sortation areas (the first three characters of a postal code) found in the city. */
  fsas: readonly string[];
}

export interface Province {
  code: string;
  /** Share of Canada's population (2021 census, rounded), used as a draw weight. */
  weight: number;
  /** Share of customers who prefer French. */
  french: number;
  areaCodes: readonly string[];
  cities: readonly City[];
}

export const PROVINCES: readonly Province[] = [
  {
    code: 'ON',
    weight: 38.5,
    french: 0.04,
    areaCodes: ['416', '647', '437', '905', '289', '613', '519', '705', '807'],
    cities: [
      { name: 'Toronto', fsas: ['M5V', 'M4C', 'M6S', 'M5K', 'M2N', 'M1B', 'M9W'] },
      { name: 'Ottawa', fsas: ['K1A', 'K1P', 'K2P', 'K1N', 'K2G'] },
      { name: 'Mississauga', fsas: ['L5B', 'L5M', 'L4T'] },
      { name: 'Hamilton', fsas: ['L8P', 'L9A', 'L8L'] },
      { name: 'London', fsas: ['N6A', 'N5V', 'N6G'] },
      { name: 'Sudbury', fsas: ['P3A', 'P3E'] },
      { name: 'Thunder Bay', fsas: ['P7B', 'P7A'] },
      { name: 'Kingston', fsas: ['K7L', 'K7M'] },
    ],
  },
  {
    code: 'QC',
    weight: 22.6,
    french: 0.8,
    areaCodes: ['514', '438', '450', '579', '418', '581', '819', '873'],
    cities: [
      { name: 'Montréal', fsas: ['H3B', 'H2X', 'H1A', 'H4A', 'H2J', 'H3Z'] },
      { name: 'Québec', fsas: ['G1R', 'G1K', 'G2B'] },
      { name: 'Laval', fsas: ['H7N', 'H7T'] },
      { name: 'Gatineau', fsas: ['J8X', 'J9H'] },
      { name: 'Sherbrooke', fsas: ['J1H', 'J1J'] },
      { name: 'Trois-Rivières', fsas: ['G8T', 'G9A'] },
      { name: 'Saguenay', fsas: ['G7H', 'G7B'] },
      { name: 'Saint-Jean-sur-Richelieu', fsas: ['J3B', 'J2W'] },
    ],
  },
  {
    code: 'BC',
    weight: 13.5,
    french: 0.02,
    areaCodes: ['604', '778', '236', '250', '672'],
    cities: [
      { name: 'Vancouver', fsas: ['V6B', 'V5K', 'V6E', 'V5T'] },
      { name: 'Surrey', fsas: ['V3S', 'V4N'] },
      { name: 'Victoria', fsas: ['V8W', 'V9A'] },
      { name: 'Kelowna', fsas: ['V1Y', 'V1W'] },
      { name: 'Prince George', fsas: ['V2L', 'V2N'] },
    ],
  },
  {
    code: 'AB',
    weight: 11.6,
    french: 0.02,
    areaCodes: ['403', '587', '780', '825', '368'],
    cities: [
      { name: 'Calgary', fsas: ['T2P', 'T3A', 'T2E', 'T1Y'] },
      { name: 'Edmonton', fsas: ['T5J', 'T6E', 'T5K', 'T6W'] },
      { name: 'Red Deer', fsas: ['T4N', 'T4P'] },
      { name: 'Lethbridge', fsas: ['T1J', 'T1K'] },
    ],
  },
  {
    code: 'MB',
    weight: 3.6,
    french: 0.03,
    areaCodes: ['204', '431'],
    cities: [
      { name: 'Winnipeg', fsas: ['R3C', 'R2H', 'R3T', 'R2M'] },
      { name: 'Brandon', fsas: ['R7A', 'R7B'] },
      { name: 'Saint-Boniface', fsas: ['R2H'] },
    ],
  },
  {
    code: 'SK',
    weight: 3.0,
    french: 0.01,
    areaCodes: ['306', '639', '474'],
    cities: [
      { name: 'Saskatoon', fsas: ['S7K', 'S7N', 'S7H'] },
      { name: 'Regina', fsas: ['S4P', 'S4S', 'S4R'] },
    ],
  },
  {
    code: 'NS',
    weight: 2.6,
    french: 0.03,
    areaCodes: ['902', '782'],
    cities: [
      { name: 'Halifax', fsas: ['B3H', 'B3J', 'B3K'] },
      { name: 'Sydney', fsas: ['B1P', 'B1S'] },
      { name: 'Chéticamp', fsas: ['B0E'] },
    ],
  },
  {
    code: 'NB',
    weight: 2.1,
    french: 0.32,
    areaCodes: ['506', '428'],
    cities: [
      { name: 'Moncton', fsas: ['E1C', 'E1A'] },
      { name: 'Saint John', fsas: ['E2L', 'E2K'] },
      { name: 'Fredericton', fsas: ['E3B', 'E3A'] },
      { name: 'Edmundston', fsas: ['E3V'] },
    ],
  },
  {
    code: 'NL',
    weight: 1.4,
    french: 0.005,
    areaCodes: ['709'],
    cities: [
      { name: "St. John's", fsas: ['A1C', 'A1B', 'A1E'] },
      { name: 'Corner Brook', fsas: ['A2H'] },
    ],
  },
  {
    code: 'PE',
    weight: 0.4,
    french: 0.03,
    areaCodes: ['902', '782'],
    cities: [
      { name: 'Charlottetown', fsas: ['C1A', 'C1E'] },
      { name: 'Summerside', fsas: ['C1N'] },
    ],
  },
  { code: 'NT', weight: 0.11, french: 0.02, areaCodes: ['867'], cities: [{ name: 'Yellowknife', fsas: ['X1A'] }] },
  { code: 'YT', weight: 0.11, french: 0.04, areaCodes: ['867'], cities: [{ name: 'Whitehorse', fsas: ['Y1A'] }] },
  { code: 'NU', weight: 0.1, french: 0.01, areaCodes: ['867'], cities: [{ name: 'Iqaluit', fsas: ['X0A'] }] },
];

export const PROVINCE_CODES: ReadonlySet<string> = new Set(PROVINCES.map((p) => p.code));

/** The first letters of the postal codes of each province (Canada Post's postal districts). */
export const POSTAL_DISTRICTS: Readonly<Record<string, string>> = {
  NL: 'A',
  NS: 'B',
  PE: 'C',
  NB: 'E',
  QC: 'GHJ',
  ON: 'KLMNP',
  MB: 'R',
  SK: 'S',
  AB: 'T',
  BC: 'V',
  NT: 'X',
  NU: 'X',
  YT: 'Y',
};

export const ENGLISH_STREETS = [
  'King St W',
  'Queen St E',
  'Main St',
  'Maple Ave',
  'Oak St',
  'Elm St',
  'Church St',
  'Victoria Ave',
  'Wellington St',
  'Yonge St',
  'Bay St',
  'Portage Ave',
  'Jasper Ave',
  'Granville St',
  'Robson St',
  'Barrington St',
  'Water St',
  'Albert St',
  'Dufferin St',
  'Bloor St W',
  'Spadina Ave',
  'College St',
  'Lakeshore Rd',
  'Hillcrest Dr',
  'Park Lane',
  'Pine Cres',
] as const;

export const FRENCH_STREETS = [
  'Rue Sainte-Catherine O',
  'Rue Saint-Denis',
  'Boulevard René-Lévesque',
  'Rue Principale',
  'Chemin du Roy',
  'Avenue du Mont-Royal',
  'Rue Saint-Jean',
  'Boulevard Laurier',
  "Rue de l'Église",
  'Rue Notre-Dame E',
  'Rue des Érables',
  'Boulevard Saint-Laurent',
  'Rue Sherbrooke O',
  'Rue du Collège',
  'Avenue Cartier',
  'Rang Saint-Joseph',
] as const;

export const EMAIL_DOMAINS = ['example.com', 'example.ca', 'example.org', 'courriel.example', 'mail.example'] as const;
