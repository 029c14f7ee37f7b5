// Tells a database that cannot serve right now (unreachable, shutting down, out of space, read-only) from a bug: the
// first is answered 503 and retried by the caller, the second is a 500 with its stack in the log.
const PG_CLASSES = ['08', '53', '57P'];
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/**
 * postgres.js's codes for a connection lost, cut or never made (the hot reads' driver), and PostgreSQL's own for a
 * statement cut by its statement_timeout (57014: the hot reads' connections have one; nothing else cancels a query).
 */
const DRIVER_CODES = new Set(['CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT', '57014']);
/** pg and pg-pool's own words for a connection lost or never made (they carry no code). */
const PG_MESSAGES = [/^Connection terminated/, /^timeout exceeded when trying to connect/, /not queryable/, /^Query read timeout/];
/** The file cannot be written (read-only, full, failing) or is held by another writer past the busy timeout. */
const SQLITE_CODES = [/^SQLITE_READONLY/, /^SQLITE_FULL/, /^SQLITE_IOERR/, /^SQLITE_CANTOPEN/, /^SQLITE_BUSY/];

/** The reason, when `error` says the database cannot serve right now; undefined for any other failure. */
export function unavailableReason(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (SQLITE_CODES.some((pattern) => pattern.test(code))) return `${code}: ${error.message}`;
    if (NETWORK_CODES.has(code) || DRIVER_CODES.has(code) || PG_CLASSES.some((prefix) => code.startsWith(prefix))) return `${code}: ${error.message}`;
  }
  if (PG_MESSAGES.some((pattern) => pattern.test(error.message))) return error.message;
  // Kysely or a driver may wrap the failure it hit.
  return error.cause === error ? undefined : unavailableReason(error.cause);
}
