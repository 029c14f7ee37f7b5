// A request's logger that becomes a real pino child only when the request logs something at an enabled level. Making
// the child serializes and redacts its bindings; a request that succeeds logs nothing through it (its one request line
// is written by the root logger, plugins/app/request-log.ts), so it never pays for it, at info as at warn.
import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';
import type { Bindings, ChildLoggerOptions, Level, LevelWithSilent } from 'pino';

type PinoParent = FastifyBaseLogger & {
  isLevelEnabled(level: string): boolean;
  levels: { values: Record<string, number> };
  bindings(): Bindings;
};

type LogCall = (...args: unknown[]) => void;
type PinoChild = FastifyBaseLogger & { setBindings(bindings: Bindings): void; bindings(): Bindings };

export class DeferredChildLogger {
  #parent: PinoParent;
  #bindings: Bindings;
  /** Bindings added before the child exists, kept by reference: merging on every request would cost more than logging. */
  #added: Bindings[] = [];
  #options: ChildLoggerOptions;
  #child?: PinoChild;

  constructor(parent: PinoParent, bindings: Bindings, options: ChildLoggerOptions) {
    this.#parent = parent;
    this.#bindings = bindings;
    this.#options = options;
  }

  #real() {
    return (this.#child ??= this.#parent.child(this.#allBindings(), this.#options) as PinoChild);
  }

  #allBindings(): Bindings {
    return this.#added.length ? Object.assign({}, this.#bindings, ...this.#added) : this.#bindings;
  }

  #enabled(level: Level): boolean {
    if (this.#child) return (this.#child as unknown as PinoParent).isLevelEnabled(level);
    const own = this.#options.level;
    if (!own) return this.#parent.isLevelEnabled(level);
    const values = this.#parent.levels.values;
    return own !== 'silent' && (values[level] ?? 0) >= (values[own] ?? Infinity);
  }

  #log(level: Level, args: unknown[]): void {
    if (this.#enabled(level)) (this.#real()[level] as LogCall)(...args);
  }

  get level(): LevelWithSilent {
    return (this.#child?.level ?? this.#options.level ?? this.#parent.level) as LevelWithSilent;
  }

  set level(level: LevelWithSilent) {
    this.#real().level = level;
  }

  isLevelEnabled(level: Level): boolean {
    return this.#enabled(level);
  }

  fatal(...args: unknown[]): void {
    this.#log('fatal', args);
  }
  error(...args: unknown[]): void {
    this.#log('error', args);
  }
  warn(...args: unknown[]): void {
    this.#log('warn', args);
  }
  info(...args: unknown[]): void {
    this.#log('info', args);
  }
  debug(...args: unknown[]): void {
    this.#log('debug', args);
  }
  trace(...args: unknown[]): void {
    this.#log('trace', args);
  }
  silent(): void {}

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.#real().child(bindings, options);
  }

  /** Bindings added before the child exists are given to it when it is made, in the same order. */
  setBindings(bindings: Bindings): void {
    if (this.#child) this.#child.setBindings(bindings);
    else this.#added.push(bindings);
  }

  bindings(): Bindings {
    return this.#child ? this.#child.bindings() : { ...this.#parent.bindings(), ...this.#allBindings() };
  }
}

/** Defers pino's children; any other logger (Fastify's silent one when logging is off) makes its children as usual. */
export const deferredChildLoggerFactory: NonNullable<FastifyServerOptions['childLoggerFactory']> = (logger, bindings, options) =>
  typeof (logger as Partial<PinoParent>).isLevelEnabled === 'function'
    ? (new DeferredChildLogger(logger as PinoParent, bindings, options) as unknown as FastifyBaseLogger)
    : logger.child(bindings, options);
