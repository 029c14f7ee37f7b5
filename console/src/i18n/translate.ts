// Looks a message up in one language and fills its {placeholders}.
import { DICTIONARY, type Lang, type MessageKey } from './dictionary.ts';

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export function translator(lang: Lang): Translate {
  const messages = DICTIONARY[lang];
  return (key, params) => messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => (params && name in params ? String(params[name]) : whole));
}
