// Reads the environment once at start into one typed, validated config object.
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';

const Bool = Type.Union([Type.Literal('true'), Type.Literal('false'), Type.Literal('1'), Type.Literal('0')]);
const PositiveInt = Type.String({ pattern: '^[0-9]{1,9}$' });

/** The environment variables the service reads, each with its meaning; the README's table is written from this. */
export const EnvSchema = Type.Object({
  PORT: Type.Optional(Type.String({ pattern: '^[0-9]{1,5}$', description: 'HTTP port (default 8080)' })),
  HOST: Type.Optional(Type.String({ minLength: 1, description: 'interface to listen on (default 0.0.0.0)' })),
  METRICS_PORT: Type.Optional(
    Type.String({ pattern: '^[0-9]{1,5}$', description: 'port of the Prometheus scrape endpoint GET /metrics, apart from the API (unset: no metrics)' }),
  ),
  METRICS_HOST: Type.Optional(Type.String({ minLength: 1, description: 'interface the metrics port listens on (default 127.0.0.1)' })),
  DATABASE_URL: Type.Optional(
    Type.String({ pattern: '^(sqlite:|postgres://|postgresql://)', description: 'sqlite:<path> or postgres://… (default sqlite:./data/posapi.db)' }),
  ),
  LOG_LEVEL: Type.Optional(Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)))),
  REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://' })),
  TOKEN_SIGNING_KEY: Type.Optional(Type.String({ minLength: 32, description: 'HS256 key for access tokens (≥ 32 characters)' })),
  CARD_HMAC_KEY: Type.Optional(Type.String({ minLength: 32, description: 'HMAC-SHA256 key for card numbers (≥ 32 characters)' })),
  PIN_HMAC_KEY: Type.Optional(Type.String({ minLength: 32, description: 'HMAC-SHA256 key for PINs (≥ 32 characters)' })),
  OUTBOX_KEY: Type.Optional(Type.String({ minLength: 32, description: 'key that encrypts outbox messages at rest (≥ 32 characters)' })),
  KEYS_MASTER_KEY: Type.Optional(
    Type.String({ minLength: 32, description: 'key that seals rotated key versions in the database (≥ 32 characters); the same on every node' }),
  ),
  KEYS_POLL_MS: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$', description: 'how often each node reads the rotated key versions again (default 5000)' })),
  KEYS_FILE: Type.Optional(Type.String({ minLength: 1, description: 'where generated keys are kept when the environment gives none' })),
  TOKEN_TTL_SECONDS: Type.Optional(PositiveInt),
  SCRYPT_COST: Type.Optional(Type.String({ pattern: '^(1024|2048|4096|8192|16384|32768|65536|131072)$' })),
  SEED_DEMO: Type.Optional(Bool),
  PIN_TTL_SECONDS: Type.Optional(PositiveInt),
  SECURITY_MAX_TRIES: Type.Optional(PositiveInt),
  SECURITY_WINDOW_HOURS: Type.Optional(PositiveInt),
  VERIFY_RATE_PER_CLIENT: Type.Optional(PositiveInt),
  VERIFY_RATE_PER_ACCOUNT: Type.Optional(PositiveInt),
  TOKEN_FAILURES_PER_MINUTE: Type.Optional(
    Type.String({
      pattern: '^[0-9]{1,9}$',
      description: 'failed token calls per minute per client id and per address before 429 (default 10; 0 turns it off)',
    }),
  ),
  RATE_LIMIT_NAMESPACE: Type.Optional(
    Type.String({
      pattern: '^[A-Za-z0-9_.:-]{1,100}$',
      description: 'prefix of the rate-limit counters in Redis (default posapi-rl-); services sharing limits use the same one',
    }),
  ),
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://', description: 'SMTP server, e.g. smtps://user:pass@mail.example.com:465' })),
  SMTP_HOST: Type.Optional(Type.String({ minLength: 1 })),
  SMTP_PORT: Type.Optional(Type.String({ pattern: '^[0-9]{1,5}$' })),
  SMTP_SECURE: Type.Optional(Bool),
  SMTP_USER: Type.Optional(Type.String()),
  SMTP_PASSWORD: Type.Optional(Type.String()),
  SMTP_FROM: Type.Optional(Type.String({ minLength: 3 })),
  SMS_GATEWAY_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  SMS_GATEWAY_TOKEN: Type.Optional(Type.String()),
  OUTBOX_POLL_MS: Type.Optional(PositiveInt),
  OUTBOX_LEASE_MS: Type.Optional(
    Type.String({ pattern: '^[0-9]{3,9}$', description: "how long a dispatcher's claim on a message lasts unless renewed (default 5000)" }),
  ),
  PRUNE_EVERY_SECONDS: Type.Optional(
    Type.String({ pattern: '^[0-9]{1,9}$', description: 'how often expired idempotency records and refresh tokens are pruned (default 600; 0 turns it off)' }),
  ),
  PRUNE_RETENTION_HOURS: Type.Optional(PositiveInt),
  DATABASE_TIMEOUT_MS: Type.Optional(
    Type.String({ pattern: '^[0-9]{3,9}$', description: 'PostgreSQL: longest wait for a connection or a query before 503 (default 10000)' }),
  ),
  DATABASE_READ_CONNECTIONS: Type.Optional(
    Type.String({ pattern: '^[1-9][0-9]{0,2}$', description: 'PostgreSQL: connections the hot reads are pipelined on, apart from the pool (default 2)' }),
  ),
  OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: Type.Optional(PositiveInt),
  OVERLOAD_MAX_HEAP_USED_MB: Type.Optional(PositiveInt),
  OVERLOAD_SAMPLE_MS: Type.Optional(PositiveInt),
  OVERLOAD_RETRY_AFTER_SECONDS: Type.Optional(PositiveInt),
  CLIENT_REVOCATION_POLL_MS: Type.Optional(PositiveInt),
  REQUEST_TIMEOUT_MS: Type.Optional(
    Type.String({
      pattern: '^[1-9][0-9]{1,8}$',
      description: 'time a request has to arrive whole, headers and body (default 30000); past it the answer is 408 and the connection closed',
    }),
  ),
  BYPASS_RISK_RATINGS: Type.Optional(
    Type.String({ pattern: '^[A-Z](,[A-Z])*$', description: 'risk ratings that qualify for a regular-purchase bypass (default L)' }),
  ),
});
export type Env = Static<typeof EnvSchema>;

export type StoreKind = 'sqlite' | 'postgres';

export interface Config {
  port: number;
  host: string;
  /** The Prometheus scrape endpoint, on a port of its own; absent: no metrics are kept, and requests pay nothing for them. */
  metrics?: { port: number; host: string };
  databaseUrl: string;
  store: StoreKind;
  /** The SQLite file path, for the embedded store. */
  sqlitePath?: string;
  logLevel: string;
  redisUrl?: string;
  keys: { tokenSigning?: string; cardHmac?: string; pinHmac?: string; outbox?: string; master?: string; file: string };
  /** How often each node reads the rotated key versions again. */
  keysPollMs: number;
  tokenTtlSeconds: number;
  /** scrypt's N: the cost of every slow hash (client secrets, security answers; PINs are a keyed hash). */
  scryptCost: number;
  /** Load the demo data into an empty database. */
  seedDemo: boolean;
  bypassRiskRatings: string[];
  pinTtlSeconds: number;
  lockout: { maxTries: number; windowMs: number };
  rateLimits: { verifyPerClientPerMinute: number; verifyPerAccountPerMinute: number; tokenFailuresPerMinute: number };
  /** Prefix of the rate-limit counters in Redis. */
  rateLimitNamespace: string;
  smtp?: { url?: string; host?: string; port?: number; secure: boolean; user?: string; password?: string; from: string };
  smsGateway?: { url: string; token?: string };
  outboxPollMs: number;
  /** A claim on an outbox message lasts this long; the claiming dispatcher renews it while it delivers. */
  outboxLeaseMs: number;
  /** Expired idempotency records and refresh tokens: pruned every `everyMs` (0: never), kept `retentionMs` past expiry. */
  prune: { everyMs: number; retentionMs: number };
  /** PostgreSQL: the longest wait for a pooled connection, or for a query's answer. */
  databaseTimeoutMs: number;
  /** PostgreSQL: the connections the hot reads outside transactions are pipelined on (postgres.js), apart from the pool. */
  databaseReadConnections: number;
  /** Load shedding: past either bound, requests get 503 with Retry-After (0 turns a bound off). */
  overload: { maxEventLoopDelayMs: number; maxHeapUsedBytes?: number; sampleMs: number; retryAfterSeconds: number };
  /** How often each node reads the disabled clients again (their access tokens stop working on the next read). */
  clientRevocationPollMs: number;
  /** Time a request has to arrive whole (headers and body), in ms. */
  requestTimeoutMs: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(EnvSchema.properties)) {
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const problems = [...Value.Errors(EnvSchema, picked)].map((e) => `${e.instancePath.slice(1) || 'environment'}: ${e.message}`);
  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  const e = picked as Env;
  const databaseUrl = e.DATABASE_URL ?? 'sqlite:./data/posapi.db';
  const store: StoreKind = databaseUrl.startsWith('sqlite:') ? 'sqlite' : 'postgres';
  const sqlitePath = store === 'sqlite' ? databaseUrl.slice('sqlite:'.length) : undefined;
  if (store === 'sqlite' && !sqlitePath) throw new ConfigError('invalid configuration:\n  DATABASE_URL: sqlite: needs a file path');
  const port = Number(e.PORT ?? 8080);
  if (port > 65535) throw new ConfigError('invalid configuration:\n  PORT: must be at most 65535');
  const metricsPort = e.METRICS_PORT === undefined ? undefined : Number(e.METRICS_PORT);
  if (metricsPort !== undefined && metricsPort > 65535) throw new ConfigError('invalid configuration:\n  METRICS_PORT: must be at most 65535');
  const keysBeside = sqlitePath && sqlitePath !== ':memory:' ? `${sqlitePath}.keys.json` : './data/posapi.keys.json';
  return {
    port,
    host: e.HOST ?? '0.0.0.0',
    metrics: metricsPort === undefined ? undefined : { port: metricsPort, host: e.METRICS_HOST ?? '127.0.0.1' },
    databaseUrl,
    store,
    sqlitePath,
    logLevel: e.LOG_LEVEL ?? 'info',
    redisUrl: e.REDIS_URL,
    keys: {
      tokenSigning: e.TOKEN_SIGNING_KEY,
      cardHmac: e.CARD_HMAC_KEY,
      pinHmac: e.PIN_HMAC_KEY,
      outbox: e.OUTBOX_KEY,
      master: e.KEYS_MASTER_KEY,
      file: e.KEYS_FILE ?? keysBeside,
    },
    keysPollMs: Math.max(1, Number(e.KEYS_POLL_MS ?? 5000)),
    tokenTtlSeconds: Number(e.TOKEN_TTL_SECONDS ?? 3600),
    scryptCost: Number(e.SCRYPT_COST ?? 16384),
    seedDemo: e.SEED_DEMO === undefined ? true : e.SEED_DEMO === 'true' || e.SEED_DEMO === '1',
    bypassRiskRatings: (e.BYPASS_RISK_RATINGS ?? 'L').split(','),
    pinTtlSeconds: Number(e.PIN_TTL_SECONDS ?? 600),
    lockout: { maxTries: Number(e.SECURITY_MAX_TRIES ?? 3), windowMs: Number(e.SECURITY_WINDOW_HOURS ?? 48) * 3600_000 },
    rateLimits: {
      verifyPerClientPerMinute: Number(e.VERIFY_RATE_PER_CLIENT ?? 600),
      verifyPerAccountPerMinute: Number(e.VERIFY_RATE_PER_ACCOUNT ?? 30),
      tokenFailuresPerMinute: Number(e.TOKEN_FAILURES_PER_MINUTE ?? 10),
    },
    rateLimitNamespace: e.RATE_LIMIT_NAMESPACE ?? 'posapi-rl-',
    smtp:
      e.SMTP_URL || e.SMTP_HOST
        ? {
            url: e.SMTP_URL,
            host: e.SMTP_HOST,
            port: e.SMTP_PORT ? Number(e.SMTP_PORT) : undefined,
            secure: e.SMTP_SECURE === 'true' || e.SMTP_SECURE === '1',
            user: e.SMTP_USER,
            password: e.SMTP_PASSWORD,
            from: e.SMTP_FROM ?? 'posapi <no-reply@posapi.local>',
          }
        : undefined,
    smsGateway: e.SMS_GATEWAY_URL ? { url: e.SMS_GATEWAY_URL, token: e.SMS_GATEWAY_TOKEN } : undefined,
    outboxPollMs: Number(e.OUTBOX_POLL_MS ?? 1000),
    outboxLeaseMs: Number(e.OUTBOX_LEASE_MS ?? 5000),
    prune: { everyMs: Number(e.PRUNE_EVERY_SECONDS ?? 600) * 1000, retentionMs: Number(e.PRUNE_RETENTION_HOURS ?? 24) * 3600_000 },
    databaseTimeoutMs: Number(e.DATABASE_TIMEOUT_MS ?? 10_000),
    databaseReadConnections: Number(e.DATABASE_READ_CONNECTIONS ?? 2),
    overload: {
      maxEventLoopDelayMs: Number(e.OVERLOAD_MAX_EVENT_LOOP_DELAY_MS ?? 1000),
      // Unset: 90 % of V8's heap limit (decided where the limit is known, in the load-shedding plugin).
      maxHeapUsedBytes: e.OVERLOAD_MAX_HEAP_USED_MB === undefined ? undefined : Number(e.OVERLOAD_MAX_HEAP_USED_MB) * 1024 * 1024,
      sampleMs: Number(e.OVERLOAD_SAMPLE_MS ?? 1000),
      retryAfterSeconds: Number(e.OVERLOAD_RETRY_AFTER_SECONDS ?? 2),
    },
    clientRevocationPollMs: Number(e.CLIENT_REVOCATION_POLL_MS ?? 1000),
    requestTimeoutMs: Number(e.REQUEST_TIMEOUT_MS ?? 30_000),
  };
}
