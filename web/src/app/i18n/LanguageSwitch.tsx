import { useT } from './useT';
import { LANGUAGES } from './languages';

/** Each language is named in itself, so a user stuck in the wrong one can still find theirs. */
export function LanguageSwitch() {
  const { lang, setLang, t } = useT();
  return (
    <div className="lang-switch" role="group" aria-label={t('lang.label')}>
      {LANGUAGES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          data-testid={`lang-${l}`}
          aria-pressed={l === lang}
          className={l === lang ? 'is-active' : undefined}
          onClick={() => setLang(l)}
        >
          {t(`lang.${l}`)}
        </button>
      ))}
    </div>
  );
}
