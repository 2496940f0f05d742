import { createContext } from 'react';
import type { MessageKey } from './zh-CN';
import type { Language, Params } from './languages';

export interface I18n {
  lang: Language;
  setLang(lang: Language): void;
  t(key: MessageKey, params?: Params): string;
  /** numbers with the language's grouping and at most `digits` decimals */
  num(value: number, digits?: number): string;
}

export const I18nContext = createContext<I18n | null>(null);
