// Tabs as the ARIA pattern wants them: arrow keys move between tabs, only the chosen tab is in the tab order.
import type { ComponentChildren } from 'preact';
import { useId, useRef } from 'preact/hooks';

export interface Tab {
  id: string;
  label: string;
  panel: ComponentChildren;
}

export function Tabs({ tabs, selected, onSelect, label }: { tabs: Tab[]; selected: string; onSelect: (id: string) => void; label: string }) {
  const base = useId();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const move = (from: number, step: number) => {
    const next = (from + step + tabs.length) % tabs.length;
    onSelect(tabs[next]!.id);
    buttons.current[next]?.focus();
  };
  const onKeyDown = (index: number) => (event: KeyboardEvent) => {
    if (event.key === 'ArrowRight') move(index, 1);
    else if (event.key === 'ArrowLeft') move(index, -1);
    else if (event.key === 'Home') move(0, 0);
    else if (event.key === 'End') move(tabs.length - 1, 0);
    else return;
    event.preventDefault();
  };
  return (
    <div class="tabs">
      <div role="tablist" aria-label={label} class="tablist">
        {tabs.map((tab, index) => (
          <button
            key={tab.id}
            ref={(element) => {
              buttons.current[index] = element;
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${tab.id}`}
            aria-controls={`${base}-panel-${tab.id}`}
            aria-selected={tab.id === selected}
            tabIndex={tab.id === selected ? 0 : -1}
            onClick={() => onSelect(tab.id)}
            onKeyDown={onKeyDown(index)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        // Panels stay mounted while hidden, so what was typed in one survives a look at another.
        <div
          key={tab.id}
          role="tabpanel"
          id={`${base}-panel-${tab.id}`}
          aria-labelledby={`${base}-tab-${tab.id}`}
          hidden={tab.id !== selected}
          class="tabpanel"
        >
          {tab.panel}
        </div>
      ))}
    </div>
  );
}
