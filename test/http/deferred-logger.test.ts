// Specifies the deferred request logger: no pino child until a line is logged, and then the same lines a child would write.
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import pino, { type Bindings, type ChildLoggerOptions, type Level } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { DeferredChildLogger, deferredChildLoggerFactory } from '../../src/http/deferred-logger.js';

const LEVELS: Level[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

/** A pino logger writing JSON lines to memory; `base` stands for what production puts on every line (pid, hostname). */
function memoryLogger(level: pino.LevelWithSilent = 'info') {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level, base: { service: 'posapi' } }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines, childSpy: vi.spyOn(logger, 'child') };
}

type Parent = ConstructorParameters<typeof DeferredChildLogger>[0];

function deferred(parent: pino.Logger, bindings: Bindings = { reference_id: 'r1' }, options: ChildLoggerOptions = {}) {
  return new DeferredChildLogger(parent as unknown as Parent, bindings, options);
}

/** The keys a line carries besides pino's own (level, time) and the parent's base, in the order they were written. */
const ownKeys = (line: Record<string, unknown> | undefined) => Object.keys(line ?? {}).filter((k) => !['level', 'time', 'service'].includes(k));

/** Calls the factory the way Fastify does: with the server as `this`, which the factory has no use for. */
const factory = (logger: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions = {}) =>
  deferredChildLoggerFactory.call(undefined as never, logger, bindings, options, undefined as never);

describe('DeferredChildLogger', () => {
  it('never makes a pino child for a request that logs nothing at an enabled level', () => {
    const { logger, lines, childSpy } = memoryLogger('info');
    const log = deferred(logger);
    log.setBindings({ client_id: 'c1' });
    log.debug('not at info');
    log.trace({ detail: 1 }, 'nor this');
    // Asking about the logger must not make the child either: Fastify and plugins do so on every request.
    expect(log.isLevelEnabled('debug')).toBe(false);
    expect(log.level).toBe('info');
    expect(log.bindings()).toEqual({ service: 'posapi', reference_id: 'r1', client_id: 'c1' });
    expect(childSpy).not.toHaveBeenCalled();
    expect(lines).toEqual([]);
  });

  it('makes the child once, on the first line at an enabled level', () => {
    const { logger, lines, childSpy } = memoryLogger('info');
    const log = deferred(logger);
    log.debug('skipped');
    expect(childSpy).not.toHaveBeenCalled();
    log.info('first');
    log.warn('second');
    log.error('third');
    expect(childSpy).toHaveBeenCalledTimes(1);
    expect(lines.map((l) => l.msg)).toEqual(['first', 'second', 'third']);
  });

  it('writes a line with the creation bindings, then those set before it, in that order', () => {
    const { logger, lines } = memoryLogger('info');
    const log = deferred(logger, { reference_id: 'r1' });
    log.setBindings({ client_id: 'c1' });
    log.setBindings({ merchant_id: 'm1' });
    log.info('hello');
    expect(lines[0]).toMatchObject({ service: 'posapi', reference_id: 'r1', client_id: 'c1', merchant_id: 'm1', msg: 'hello', level: 30 });
    expect(ownKeys(lines[0])).toEqual(['reference_id', 'client_id', 'merchant_id', 'msg']);
  });

  it('puts bindings set after the child exists on the later lines only', () => {
    const { logger, lines } = memoryLogger('info');
    const log = deferred(logger, { reference_id: 'r1' });
    log.setBindings({ client_id: 'c1' });
    log.info('before');
    log.setBindings({ account_number: 123456789 });
    log.info('after');
    expect(ownKeys(lines[0])).toEqual(['reference_id', 'client_id', 'msg']);
    expect(lines[1]).toMatchObject({ reference_id: 'r1', client_id: 'c1', account_number: 123456789, msg: 'after' });
    expect(ownKeys(lines[1])).toEqual(['reference_id', 'client_id', 'account_number', 'msg']);
    expect(log.bindings()).toEqual({ service: 'posapi', reference_id: 'r1', client_id: 'c1', account_number: 123456789 });
  });

  it('passes every argument of a call through: merged object, message and format arguments', () => {
    const { logger, lines } = memoryLogger('info');
    const log = deferred(logger);
    log.warn({ status: 503 }, 'draining %s after %d ms', 'now', 12);
    const error = new Error('boom');
    log.error(error);
    expect(lines[0]).toMatchObject({ reference_id: 'r1', status: 503, msg: 'draining now after 12 ms', level: 40 });
    expect(lines[1]).toMatchObject({ reference_id: 'r1', level: 50, msg: 'boom', err: { type: 'Error', message: 'boom' } });
  });

  it('agrees with the parent on isLevelEnabled and level, before and after the child exists', () => {
    for (const parentLevel of ['trace', 'info', 'warn', 'silent'] as const) {
      const { logger } = memoryLogger(parentLevel);
      const log = deferred(logger);
      expect(log.level).toBe(logger.level);
      for (const level of LEVELS) expect(log.isLevelEnabled(level), `${level} under ${parentLevel}`).toBe(logger.isLevelEnabled(level));
      log.fatal('makes the child, when fatal is enabled');
      expect(log.level).toBe(logger.level);
      for (const level of LEVELS) expect(log.isLevelEnabled(level), `${level} under ${parentLevel}, child made`).toBe(logger.isLevelEnabled(level));
    }
  });

  it("follows the parent's level when it changes before the child exists", () => {
    const { logger, lines, childSpy } = memoryLogger('info');
    const log = deferred(logger);
    logger.level = 'debug';
    expect(log.level).toBe('debug');
    expect(log.isLevelEnabled('debug')).toBe(true);
    log.debug('now enabled');
    expect(childSpy).toHaveBeenCalledTimes(1);
    expect(lines).toMatchObject([{ msg: 'now enabled', level: 20 }]);
  });

  it("with a child option { level: 'error' } is silent at info and warn, but not at error", () => {
    const { logger, lines, childSpy } = memoryLogger('info');
    const log = deferred(logger, { reference_id: 'r1' }, { level: 'error' });
    expect(log.level).toBe('error');
    expect(log.isLevelEnabled('info')).toBe(false);
    expect(log.isLevelEnabled('warn')).toBe(false);
    expect(log.isLevelEnabled('error')).toBe(true);
    log.info('silenced');
    log.warn('silenced');
    expect(childSpy).not.toHaveBeenCalled();
    log.error('written');
    // The child made must carry the option: otherwise warn would be written once the child exists.
    expect(childSpy).toHaveBeenCalledWith({ reference_id: 'r1' }, { level: 'error' });
    log.warn('still silenced');
    expect(log.isLevelEnabled('warn')).toBe(false);
    expect(lines).toMatchObject([{ msg: 'written', level: 50, reference_id: 'r1' }]);
    expect(lines).toHaveLength(1);
  });

  it('with a child option below the parent level logs at that lower level, as a pino child would', () => {
    // A route's logLevel may be more verbose than the server's; pino honours it on the child.
    const { logger, lines } = memoryLogger('info');
    const log = deferred(logger, { reference_id: 'r1' }, { level: 'debug' });
    expect(log.isLevelEnabled('debug')).toBe(true);
    expect(log.isLevelEnabled('trace')).toBe(false);
    log.trace('not written');
    log.debug('written');
    expect(lines).toMatchObject([{ msg: 'written', level: 20 }]);
    expect(lines).toHaveLength(1);
  });

  it("with a child option { level: 'silent' } writes nothing and makes no child", () => {
    const { logger, lines, childSpy } = memoryLogger('trace');
    const log = deferred(logger, { reference_id: 'r1' }, { level: 'silent' });
    for (const level of LEVELS) {
      expect(log.isLevelEnabled(level)).toBe(false);
      log[level]('nothing');
    }
    expect(childSpy).not.toHaveBeenCalled();
    expect(lines).toEqual([]);
  });

  it('setting its level makes the child at that level', () => {
    const { logger, lines } = memoryLogger('info');
    const log = deferred(logger);
    log.level = 'error';
    expect(log.level).toBe('error');
    expect(logger.level).toBe('info');
    log.warn('silenced');
    log.error('written');
    expect(lines).toMatchObject([{ msg: 'written', reference_id: 'r1' }]);
    expect(lines).toHaveLength(1);
  });

  it('child() gives a logger whose lines carry the deferred bindings and its own', () => {
    const { logger, lines } = memoryLogger('info');
    const log = deferred(logger, { reference_id: 'r1' });
    log.setBindings({ client_id: 'c1' });
    const grandchild = log.child({ step: 'verify' });
    grandchild.info('from the grandchild');
    expect(lines[0]).toMatchObject({ service: 'posapi', reference_id: 'r1', client_id: 'c1', step: 'verify', msg: 'from the grandchild' });
    expect(ownKeys(lines[0])).toEqual(['reference_id', 'client_id', 'step', 'msg']);
    // The request's own logger writes through the same child, without the grandchild's binding.
    log.info('from the request');
    expect(ownKeys(lines[1])).toEqual(['reference_id', 'client_id', 'msg']);
  });

  it('child() passes its options on', () => {
    const { logger, lines } = memoryLogger('info');
    const grandchild = deferred(logger).child({ step: 'verify' }, { level: 'error' });
    grandchild.warn('silenced');
    grandchild.error('written');
    expect(lines).toMatchObject([{ msg: 'written', reference_id: 'r1', step: 'verify' }]);
    expect(lines).toHaveLength(1);
  });

  it("applies the parent's serializers and redaction to deferred bindings, as pino does to a child's", () => {
    const lines: Record<string, unknown>[] = [];
    const logger = pino(
      { level: 'info', base: undefined, redact: ['secret'], serializers: { client: (c: { id: string }) => c.id } },
      { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
    );
    const log = deferred(logger, { reference_id: 'r1' });
    log.setBindings({ client: { id: 'c1', secret_hash: 'x' }, secret: 'hunter2' });
    log.info('hello');
    expect(lines[0]).toMatchObject({ reference_id: 'r1', client: 'c1', secret: '[Redacted]' });
  });
});

describe('deferredChildLoggerFactory', () => {
  it('defers the child of a pino logger', () => {
    const { logger, childSpy } = memoryLogger('info');
    const made = factory(logger, { reference_id: 'r1' });
    expect(made).toBeInstanceOf(DeferredChildLogger);
    expect(childSpy).not.toHaveBeenCalled();
  });

  it("returns the parent's own child for a logger without isLevelEnabled", () => {
    // Fastify's null logger (logging off) is such a logger: it has no levels to consult, so nothing to defer.
    const noop = () => undefined;
    const plain = {
      level: 'info',
      fatal: noop,
      error: noop,
      warn: noop,
      info: noop,
      debug: noop,
      trace: noop,
      silent: noop,
      child: (): FastifyBaseLogger => plain,
    };
    const childSpy = vi.spyOn(plain, 'child');
    const made = factory(plain, { reference_id: 'r1' }, { level: 'warn' });
    expect(made).toBe(plain);
    expect(made).not.toBeInstanceOf(DeferredChildLogger);
    expect(childSpy).toHaveBeenCalledWith({ reference_id: 'r1' }, { level: 'warn' });
  });

  it('serves as a Fastify childLoggerFactory: quiet requests make no child, logging ones carry the request id', async () => {
    const { logger, lines, childSpy } = memoryLogger('info');
    // Request logging off: Fastify's own "incoming request" line at info would otherwise make every child.
    const app = Fastify({
      loggerInstance: logger,
      logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'reference_id' }),
      childLoggerFactory: deferredChildLoggerFactory,
      genReqId: () => 'req-1',
    });
    app.get('/quiet', async () => 'ok');
    app.get('/loud', async (request) => {
      request.log.info('handling');
      return 'ok';
    });
    try {
      await app.ready();
      // Fastify may make children of its own while starting; only those made per request are counted.
      const atStart = childSpy.mock.calls.length;
      expect((await app.inject({ method: 'GET', url: '/quiet' })).statusCode).toBe(200);
      const beforeLoud = childSpy.mock.calls.length;
      expect(beforeLoud).toBe(atStart);
      expect(lines.filter((l) => l.reference_id !== undefined)).toEqual([]);
      expect((await app.inject({ method: 'GET', url: '/loud' })).statusCode).toBe(200);
      expect(childSpy.mock.calls.length).toBe(beforeLoud + 1);
      expect(lines.find((l) => l.msg === 'handling')).toMatchObject({ reference_id: 'req-1' });
    } finally {
      await app.close();
    }
  });
});
