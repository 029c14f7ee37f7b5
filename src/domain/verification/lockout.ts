// Wrong security answers lock the question format: `maxTries` wrong answers within the window.

export interface LockoutRule {
  maxTries: number;
  windowMs: number;
}

export function isLockedOut(recentFailures: number, rule: LockoutRule): boolean {
  return recentFailures >= rule.maxTries;
}

export function windowStart(now: number, rule: LockoutRule): number {
  return now - rule.windowMs;
}
