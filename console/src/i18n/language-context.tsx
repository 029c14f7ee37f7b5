// The chosen UI language, shared by every component through one context.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Lang } from './dictionary.ts';
import { translator, type Translate } from './translate.ts';

export interface LanguageState {
  lang: Lang;
  t: Translate;
  setLang: (lang: Lang) => void;
}

export const LanguageContext = createContext<LanguageState>({ lang: 'en', t: translator('en'), setLang: () => undefined });

export function useLanguage(): LanguageState {
  return useContext(LanguageContext);
}
