// The store's side of the use cases' ports: each repository bound to the root instance or to one transaction.
import type { StoreKind } from '../config.js';
import type { Repositories } from '../use-cases/ports.js';
import {
  findAccountNumberByCardHash,
  findAccountView,
  findCustomerAccountNumber,
  findLookupView,
  findQuoteView,
  searchAccounts,
  securityQuestionsOf,
} from './account-reads.js';
import { lockAccount, markClosed } from './account-writes.js';
import { auditTrailOf, recordAudit } from './audit.js';
import type { catalogueSource } from './catalogue.js';
import { findClient, insertClient, merchantName } from './clients.js';
import { claimDueMessages, countByStatus, enqueueMessage, listMessages, markFailedAttempt, markSent } from './outbox.js';
import { insertRefreshToken, spendRefreshToken } from './refresh-tokens.js';
import type { Db } from './schema.js';
import { answerHashOf, clearAnswerFailures, countAnswerFailures, livePinsOf, recordAnswerFailure, replacePin, revokeLivePins } from './verifications.js';

/** `catalogue` is the store's one source: a transaction writes through it, so its replacement is seen at once. */
export function repositoriesOf(db: Db, kind: StoreKind, catalogue: ReturnType<typeof catalogueSource>): Repositories {
  return {
    accounts: {
      search: (keys) => searchAccounts(db, keys),
      lookupView: (accountNumber) => findLookupView(db, accountNumber),
      quoteView: (accountNumber) => findQuoteView(db, accountNumber),
      view: (accountNumber) => findAccountView(db, accountNumber),
      accountNumberByCardHash: (cardHash) => findAccountNumberByCardHash(db, cardHash),
      customerAccountNumber: (customerId) => findCustomerAccountNumber(db, customerId),
      securityQuestions: (customerId) => securityQuestionsOf(db, customerId),
      lock: (accountNumber) => lockAccount(db, kind, accountNumber),
      markClosed: (accountNumber, now) => markClosed(db, accountNumber, now),
    },
    verifications: {
      answerHash: (customerId, questionId) => answerHashOf(db, customerId, questionId),
      countAnswerFailures: (accountNumber, since) => countAnswerFailures(db, accountNumber, since),
      recordAnswerFailure: (accountNumber, at) => recordAnswerFailure(db, accountNumber, at),
      clearAnswerFailures: (accountNumber) => clearAnswerFailures(db, accountNumber),
      replacePin: (pin) => replacePin(db, pin),
      revokeLivePins: (accountNumber, now) => revokeLivePins(db, accountNumber, now),
      livePins: (accountNumber, now) => livePinsOf(db, accountNumber, now),
    },
    audit: {
      record: (actor, at, entry) => recordAudit(db, actor, at, entry),
      trailOf: (accountNumber) => auditTrailOf(db, accountNumber),
    },
    outbox: {
      enqueue: (channel, sealedPayload, now) => enqueueMessage(db, channel, sealedPayload, now),
      claimDue: (now, leaseMs, limit) => claimDueMessages(db, kind, now, leaseMs, limit),
      markSent: (id, now) => markSent(db, id, now),
      markFailedAttempt: (id, attempts, error, nextAttemptAt) => markFailedAttempt(db, id, attempts, error, nextAttemptAt),
      latest: (limit) => listMessages(db, limit),
      countByStatus: () => countByStatus(db),
    },
    clients: {
      find: (clientId) => findClient(db, clientId),
      insert: (client) => insertClient(db, client),
      merchantName: (merchantId) => merchantName(db, merchantId),
    },
    refreshTokens: {
      insert: (row) => insertRefreshToken(db, row),
      spend: (tokenHash, clientId, now) => spendRefreshToken(db, tokenHash, clientId, now),
    },
    catalogue: db.isTransaction ? catalogue.writeIn(db) : catalogue,
  };
}
