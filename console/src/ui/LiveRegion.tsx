// Where a panel's results and refusals appear: announced by screen readers as they change.
import type { ComponentChildren } from 'preact';

export function LiveRegion({ children, label }: { children?: ComponentChildren; label?: string }) {
  return (
    <div class="live" aria-live="polite" aria-label={label}>
      {children}
    </div>
  );
}
