// The store's side of the use cases' ports: each repository bound to the root instance or to one transaction.
import type { StoreKind } from '../config.js';
import type { Repositories } from '../use-cases/ports.js';
import { findAccountNumberByCardHash, findAccountView, findCustomerAccountNumber, findLookup, findQuoteView, searchAccounts } from './account-reads.js';
import { lockAccount, markClosed, setMoney } from './account-writes.js';
import { auditEventsBetween, auditTrailOf, recordAudit } from './audit.js';
import type { catalogueSource } from './catalogue.js';
import { disableClient, disabledClientIds, findClient, insertClient, merchantName } from './clients.js';
import { addKeyVersion, allKeyVersions, countSealedUnder, markCardsRehashed, retireKeyVersion } from './key-versions.js';
import { cardsUnderKeyVersion, countCardsByKeyVersion, moveCardHash } from './card-keys.js';
import { claimDueMessages, countByStatus, enqueueMessage, listMessages, markFailedAttempt, markHeld, markSent, outboxBacklog, renewClaims } from './outbox.js';
import { insertRefreshToken, revokeRefreshTokensOf, spendRefreshToken } from './refresh-tokens.js';
import type { Db } from './schema.js';
import {
  answerHashOf,
  clearAnswerFailures,
  countAnswerFailures,
  livePinsOf,
  pinFor,
  recordAnswerFailure,
  recordWrongTry,
  replacePin,
  revokeLivePins,
  spendPin,
} from './verifications.js';
import { appendEntries, entriesOf } from './ledger.js';
import { addLocation, isRegisteredLocation, locationsOf } from './locations.js';
import {
  capturedOn,
  capturesOf,
  findAuthorization,
  findAuthorizationView,
  findCapture,
  insertAuthorization,
  insertCapture,
  insertCredit,
  listAuthorizations,
  listCaptures,
  paymentsSince,
  setCaptureReturned,
  updateAuthorization,
} from './purchases.js';

/** `catalogue` is the store's one source: a transaction writes through it, so its replacement is seen at once. */
export function repositoriesOf(db: Db, kind: StoreKind, catalogue: ReturnType<typeof catalogueSource>): Repositories {
  return {
    accounts: {
      search: (keys) => searchAccounts(db, keys),
      lookup: (key) => findLookup(db, kind, key),
      quoteView: (accountNumber) => findQuoteView(db, accountNumber),
      view: (accountNumber) => findAccountView(db, accountNumber),
      accountNumberByCardHash: (forms) => findAccountNumberByCardHash(db, forms),
      customerAccountNumber: (customerId) => findCustomerAccountNumber(db, customerId),
      lock: (accountNumber) => lockAccount(db, kind, accountNumber),
      markClosed: (accountNumber, now) => markClosed(db, accountNumber, now),
      setMoney: (accountNumber, money, now) => setMoney(db, accountNumber, money, now),
    },
    verifications: {
      answerHash: (customerId, questionId) => answerHashOf(db, customerId, questionId),
      countAnswerFailures: (accountNumber, since) => countAnswerFailures(db, accountNumber, since),
      recordAnswerFailure: (accountNumber, at) => recordAnswerFailure(db, accountNumber, at),
      clearAnswerFailures: (accountNumber) => clearAnswerFailures(db, accountNumber),
      replacePin: (pin) => replacePin(db, pin),
      revokeLivePins: (accountNumber, now) => revokeLivePins(db, accountNumber, now),
      livePins: (accountNumber, now) => livePinsOf(db, accountNumber, now),
      pinFor: (accountNumber, clientId, requestId) => pinFor(db, accountNumber, clientId, requestId),
      recordWrongTry: (pinId, wrongTries, kill, now) => recordWrongTry(db, pinId, wrongTries, kill, now),
      spendPin: (pinId, now) => spendPin(db, pinId, now),
    },
    purchases: {
      insertAuthorization: (row) => insertAuthorization(db, row),
      authorization: (clientId, id) => findAuthorization(db, clientId, id),
      authorizationView: (clientId, id) => findAuthorizationView(db, clientId, id),
      updateAuthorization: (id, change) => updateAuthorization(db, id, change),
      capturesOf: (authorizationId) => capturesOf(db, authorizationId),
      capture: (clientId, captureId) => findCapture(db, clientId, captureId),
      capturedOn: (clientId, accountNumber) => capturedOn(db, clientId, accountNumber),
      insertCapture: (row) => insertCapture(db, row),
      setCaptureReturned: (captureId, returnedCents) => setCaptureReturned(db, captureId, returnedCents),
      insertCredit: (row) => insertCredit(db, row),
      paymentsSince: (accountNumber, since) => paymentsSince(db, accountNumber, since),
      listAuthorizations: (clientId, filter, page) => listAuthorizations(db, clientId, filter, page),
      listCaptures: (clientId, filter, page) => listCaptures(db, clientId, filter, page),
    },
    ledger: {
      append: (entries) => appendEntries(db, entries),
      entriesOf: (accountNumber) => entriesOf(db, accountNumber),
    },
    locations: {
      isRegistered: (clientId, id) => isRegisteredLocation(db, clientId, id),
      of: (clientId) => locationsOf(db, clientId),
      add: (location) => addLocation(db, location),
    },
    audit: {
      record: (actor, at, entry) => recordAudit(db, actor, at, entry),
      trailOf: (accountNumber) => auditTrailOf(db, accountNumber),
      between: (query) => auditEventsBetween(db, query),
    },
    outbox: {
      enqueue: (channel, sealedPayload, now, heldBecause) => enqueueMessage(db, channel, sealedPayload, now, heldBecause),
      claimDue: (now, leaseMs, limit) => claimDueMessages(db, kind, now, leaseMs, limit),
      markSent: (id, now) => markSent(db, id, now),
      markHeld: (ids, reason) => markHeld(db, ids, reason),
      renewClaims: (ids, heldUntil, until) => renewClaims(db, ids, heldUntil, until),
      markFailedAttempt: (id, heldUntil, attempts, error, nextAttemptAt) => markFailedAttempt(db, id, heldUntil, attempts, error, nextAttemptAt),
      latest: (limit) => listMessages(db, limit),
      countByStatus: () => countByStatus(db),
      backlog: () => outboxBacklog(db),
    },
    clients: {
      find: (clientId) => findClient(db, clientId),
      insert: (client) => insertClient(db, client),
      merchantName: (merchantId) => merchantName(db, merchantId),
      disable: (clientId) => disableClient(db, clientId),
      disabledIds: () => disabledClientIds(db),
    },
    keyVersions: {
      all: () => allKeyVersions(db),
      add: (version) => addKeyVersion(db, version),
      retire: (purpose, kid, at) => retireKeyVersion(db, purpose, kid, at),
      sealedUnder: (kid) => countSealedUnder(db, kid),
      markRehashed: (kid, at) => markCardsRehashed(db, kid, at),
    },
    cardKeys: {
      countByVersion: () => countCardsByKeyVersion(db),
      underVersion: (kid, limit) => cardsUnderKeyVersion(db, kid, limit),
      move: (fromHash, fromKid, hash, toKid) => moveCardHash(db, fromHash, fromKid, hash, toKid),
    },
    refreshTokens: {
      insert: (row) => insertRefreshToken(db, row),
      spend: (tokenHash, clientId, now) => spendRefreshToken(db, tokenHash, clientId, now),
      revokeAllOf: (clientId, now) => revokeRefreshTokensOf(db, clientId, now),
    },
    catalogue: db.isTransaction ? catalogue.writeIn(db) : catalogue,
  };
}
