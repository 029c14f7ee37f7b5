/** One SQL statement with its parameters, as the store's reader is given it: what the SQL baselines run. */
export interface Statement {
  sql: string;
  parameters: unknown[];
}
