// Looks a message up in one language, picks its plural form if it has some, and fills its {placeholders}.
import { DICTIONARY, type Lang, type Message, type MessageKey } from './dictionary.ts';

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

function pickForm(message: Message, rules: Intl.PluralRules, params: Params | undefined): string {
  if (typeof message === 'string') return message;
  const category = rules.select(Number(params?.[message.count]));
  return category === 'one' ? message.one : message.other;
}

export function translator(lang: Lang): Translate {
  const messages = DICTIONARY[lang];
  const rules = new Intl.PluralRules(lang === 'fr' ? 'fr-CA' : 'en-CA');
  return (key, params) =>
    pickForm(messages[key], rules, params).replace(/\{(\w+)\}/g, (whole, name: string) => (params && name in params ? String(params[name]) : whole));
}
