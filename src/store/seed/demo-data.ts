// The demo data: every example of the lender's document, plus a few customers that exercise the rules around them.
import type { CustomerInput } from '../customers.js';

export const DEMO_MERCHANTS = [
  { id: '12345', name: 'ACME Jewellers' },
  { id: '23456', name: 'ACME Restorations' },
];

export const DEMO_CLIENTS = [
  { id: 'flexitidemo', secret: 'demo-secret', merchant_id: '12345', channel: 'in_store' as const, may_override: true },
  { id: 'acmedemo', secret: 'acme-secret', merchant_id: '23456', channel: 'online' as const, may_override: false },
];

/** The stores each demo client has registered: the in-store client has two, the online client none. */
export const DEMO_LOCATIONS = [
  { client_id: 'flexitidemo', external_location_id: '00-12345', name: 'ACME Jewellers, Toronto Eaton Centre' },
  { client_id: 'flexitidemo', external_location_id: '00-67890', name: 'ACME Jewellers, Montréal Centre Eaton' },
];

export const SECURITY_QUESTIONS = [
  { id: 1, text_en: "What is your mother's maiden name?", text_fr: 'Quel est le nom de jeune fille de votre mère?' },
  { id: 2, text_en: 'In what city were you born?', text_fr: 'Dans quelle ville êtes-vous né(e)?' },
  { id: 3, text_en: 'What was the name of your first pet?', text_fr: 'Quel était le nom de votre premier animal de compagnie?' },
  { id: 4, text_en: 'What is the name of your favourite childhood friend?', text_fr: "Quel est le nom de votre ami(e) d'enfance préféré(e)?" },
  { id: 5, text_en: 'What was the make of your first car?', text_fr: 'Quelle était la marque de votre première voiture?' },
  { id: 6, text_en: 'What is your favourite movie?', text_fr: 'Quel est votre film préféré?' },
  { id: 7, text_en: 'What street did you grow up on?', text_fr: 'Dans quelle rue avez-vous grandi?' },
  { id: 8, text_en: 'What was the name of your elementary school?', text_fr: 'Quel était le nom de votre école primaire?' },
  { id: 9, text_en: 'What is your favourite book?', text_fr: 'Quel est votre livre préféré?' },
];

export interface DemoAccount {
  account_number: number;
  account_type: 'consumer' | 'business';
  business_name?: string;
  status: 'N' | 'F' | 'C';
  status_reason: string;
  credit_limit: string;
  available_credit: string;
  balance: string;
  air: string;
  category_type: string;
  risk_rating: string;
  province: string;
  originating_merchant_id: string;
  opened_on: string;
  tos_agreement: boolean;
  payment_protection: boolean;
  /** Demo card numbers are published for testers; only their keyed hash and last four are stored. */
  card_number?: string;
}

export interface DemoCustomer extends CustomerInput {
  answers: { question_id: number; answer: string }[];
  accounts: DemoAccount[];
}

const base = {
  balance: '0.00',
  air: '0.3099',
  category_type: 'preferred',
  tos_agreement: true,
  payment_protection: false,
  status: 'N' as const,
  status_reason: 'NNOR',
};

export const DEMO_CUSTOMERS: DemoCustomer[] = [
  {
    id: '123321',
    first_name: 'John',
    last_name: 'Smith',
    dob: '1900-01-01',
    address_1: '1200 Rue Sainte-Catherine O',
    city: 'Montréal',
    province: 'QC',
    postal_code: 'H3B 1K9',
    email: 'john.smith@example.com',
    phone: '5145550111',
    preferred_language: 'fr-CA',
    answers: [{ question_id: 1, answer: 'Tremblay' }],
    accounts: [
      {
        ...base,
        account_number: 123456789,
        account_type: 'consumer',
        credit_limit: '1000.00',
        available_credit: '659.51',
        balance: '340.49',
        risk_rating: 'H',
        province: 'QC',
        originating_merchant_id: '12345',
        opened_on: '2019-05-15',
        card_number: '5299310003005941',
      },
    ],
  },
  {
    id: '123412',
    first_name: 'John',
    last_name: 'Smith',
    dob: '1900-01-01',
    address_1: '77 King St W',
    city: 'Toronto',
    province: 'ON',
    postal_code: 'M5K 1A1',
    email: 'jsmith.restorations@example.com',
    phone: '4165550177',
    preferred_language: 'en-CA',
    answers: [{ question_id: 3, answer: 'Rex' }],
    accounts: [
      {
        ...base,
        account_number: 234567890,
        account_type: 'business',
        business_name: 'Smith Restorations Ltd.',
        status: 'F',
        status_reason: 'FLCK',
        credit_limit: '1000.00',
        available_credit: '847.00',
        balance: '153.00',
        risk_rating: 'Y',
        province: 'ON',
        originating_merchant_id: '23456',
        opened_on: '2019-04-15',
        card_number: '5299310007006457',
      },
    ],
  },
  {
    id: '43353',
    first_name: 'Alan',
    last_name: 'Martinet',
    dob: '1985-03-14',
    address_1: '123 Anystreet Ave',
    address_2: 'Suite 100',
    city: 'Toronto',
    province: 'ON',
    postal_code: 'M5M1M1',
    email: 'alaninet@flexiti.com',
    phone: '4165552222',
    preferred_language: 'en-CA',
    answers: [{ question_id: 4, answer: 'Jamie' }],
    accounts: [
      {
        ...base,
        account_number: 20035156,
        account_type: 'consumer',
        credit_limit: '5000.00',
        available_credit: '5000.00',
        risk_rating: 'L',
        province: 'ON',
        originating_merchant_id: '12345',
        opened_on: '2020-01-10',
        card_number: '5299310002006395',
      },
    ],
  },
  {
    id: '1291820-11',
    first_name: 'Random',
    last_name: 'BusinessPerson',
    dob: '1979-09-09',
    address_1: '123 Any Street',
    city: 'Toronto',
    province: 'ON',
    postal_code: 'M6S2R5',
    email: 'vasilevich@flexiti.com',
    phone: '6475555119',
    preferred_language: 'en-CA',
    answers: [{ question_id: 6, answer: 'Tool' }],
    accounts: [
      {
        ...base,
        account_number: 116992907,
        account_type: 'business',
        business_name: 'Random Business Inc.',
        credit_limit: '15000.00',
        available_credit: '14000.00',
        balance: '1000.00',
        risk_rating: 'L',
        province: 'ON',
        originating_merchant_id: '12345',
        opened_on: '2021-06-01',
        card_number: '5299310003007962',
      },
    ],
  },
  {
    id: '500100',
    first_name: 'Flexiti',
    last_name: 'MITester',
    dob: '1980-01-01',
    address_1: '100 Front St W',
    city: 'Toronto',
    province: 'ON',
    postal_code: 'M5J 1E3',
    email: 'mitester.on@flexiti.com',
    phone: '4165550100',
    preferred_language: 'en-CA',
    answers: [{ question_id: 5, answer: 'Honda' }],
    accounts: [
      {
        ...base,
        account_number: 116994755,
        account_type: 'consumer',
        credit_limit: '14000.00',
        available_credit: '14000.00',
        risk_rating: 'H',
        province: 'ON',
        originating_merchant_id: '12345',
        opened_on: '2022-02-01',
        card_number: '5299310006001111',
      },
    ],
  },
  {
    id: '500101',
    first_name: 'Flexiti',
    last_name: 'MITester',
    dob: '1980-01-01',
    address_1: '1000 Rue De La Gauchetière O',
    city: 'Montréal',
    province: 'QC',
    postal_code: 'H3B 4W5',
    email: 'mitester.qc@flexiti.com',
    phone: '5145550101',
    preferred_language: 'en-CA',
    answers: [{ question_id: 5, answer: 'Toyota' }],
    accounts: [
      {
        ...base,
        account_number: 116994859,
        account_type: 'consumer',
        credit_limit: '13500.00',
        available_credit: '13500.00',
        risk_rating: 'H',
        province: 'QC',
        originating_merchant_id: '12345',
        opened_on: '2022-02-01',
        card_number: '5299310000002222',
      },
    ],
  },
  {
    // The holder of the lender's example driver's licence (the contract's driverslicense example, the console's sample
    // barcode): same name, birth date and address, so decoding that licence and searching finds this customer.
    id: '600100',
    first_name: 'Enstream',
    last_name: 'Number1',
    dob: '1974-05-15',
    address_1: '55 University Ave',
    city: 'Toronto',
    province: 'ON',
    postal_code: 'M5J 2H7',
    email: 'enstream.number1@example.com',
    phone: '4165550155',
    preferred_language: 'en-CA',
    answers: [{ question_id: 8, answer: 'Ryerson' }],
    accounts: [
      {
        ...base,
        account_number: 300000006,
        account_type: 'consumer',
        credit_limit: '4000.00',
        available_credit: '4000.00',
        risk_rating: 'M',
        province: 'ON',
        originating_merchant_id: '12345',
        opened_on: '2021-11-15',
        card_number: '5299310009006661',
      },
    ],
  },
  {
    id: '700001',
    first_name: 'Marie-Ève',
    last_name: 'Gagné',
    dob: '1990-07-21',
    address_1: '350 Rue Sherbrooke E',
    city: 'Montréal',
    province: 'QC',
    postal_code: 'H2X 1E3',
    email: 'marie.gagne@example.ca',
    phone: '5145550123',
    preferred_language: 'fr-CA',
    answers: [{ question_id: 2, answer: 'Trois-Rivières' }],
    accounts: [
      {
        ...base,
        account_number: 300000001,
        account_type: 'consumer',
        credit_limit: '3000.00',
        available_credit: '2750.00',
        balance: '250.00',
        risk_rating: 'L',
        province: 'QC',
        originating_merchant_id: '12345',
        opened_on: '2023-03-03',
        card_number: '5299310004003333',
      },
    ],
  },
  {
    id: '700002',
    first_name: 'Jean-Luc',
    last_name: 'St-Pierre',
    dob: '1978-11-02',
    address_1: '12 Rue Saint-Louis',
    city: 'Québec',
    province: 'QC',
    postal_code: 'G1R 3Z2',
    preferred_language: 'fr-CA',
    answers: [{ question_id: 2, answer: 'Chicoutimi' }],
    accounts: [
      {
        ...base,
        account_number: 300000002,
        account_type: 'consumer',
        credit_limit: '2000.00',
        available_credit: '2000.00',
        risk_rating: 'M',
        province: 'QC',
        originating_merchant_id: '12345',
        opened_on: '2023-05-05',
      },
    ],
  },
  {
    id: '700003',
    first_name: 'Siobhán',
    last_name: "O'Neil",
    dob: '1982-02-28',
    address_1: '1456 Barrington St',
    city: 'Halifax',
    province: 'NS',
    postal_code: 'B3J 1Z4',
    email: 'siobhan.oneil@example.ca',
    phone: '9025550144',
    preferred_language: 'en-CA',
    answers: [
      { question_id: 7, answer: 'Spring Garden Road' },
      { question_id: 9, answer: 'Anne of Green Gables' },
    ],
    accounts: [
      {
        ...base,
        account_number: 300000003,
        account_type: 'consumer',
        credit_limit: '1500.00',
        available_credit: '1500.00',
        risk_rating: 'L',
        province: 'NS',
        originating_merchant_id: '12345',
        opened_on: '2018-08-08',
        card_number: '5299310008004444',
      },
      {
        ...base,
        account_number: 300000004,
        account_type: 'consumer',
        credit_limit: '2500.00',
        available_credit: '2500.00',
        risk_rating: 'L',
        province: 'NS',
        originating_merchant_id: '23456',
        opened_on: '2021-09-09',
        card_number: '5299310000005555',
      },
      {
        ...base,
        account_number: 300000005,
        account_type: 'consumer',
        status: 'C',
        status_reason: 'CCUS',
        credit_limit: '500.00',
        available_credit: '0.00',
        risk_rating: 'L',
        province: 'NS',
        originating_merchant_id: '12345',
        opened_on: '2024-01-01',
      },
    ],
  },
];
