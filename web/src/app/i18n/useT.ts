import { useContext } from 'react';
import { I18nContext, type I18n } from './context';

export function useT(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useT() needs an <I18nProvider> above it');
  return i18n;
}
