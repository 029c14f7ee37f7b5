// Types of build-stamp.mjs, for the tests that import it.
export function fingerprint(root: string, inputs: readonly string[]): string;
export function isUpToDate(stampPath: string, print: string, outputs: readonly string[]): boolean;
export function clearStamp(stampPath: string): void;
export function writeStamp(stampPath: string, print: string): void;
