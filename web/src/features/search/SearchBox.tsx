import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useShortcut } from '../shortcuts/registry';
import { SHORTCUT_KEYS } from '../shortcuts/bindings';
import { withKeys } from '../shortcuts/Keys';
import { useT } from '../../app/i18n/useT';
import type { PlaceHit } from '@railjoint/contracts';
import { useErrorText } from '../../api/useErrorText';
import { ApiError } from '../../api/errors';
import type { SearchIndex } from './searchIndex';
import { usePlaceSearch } from './usePlaceSearch';
import { searchHintText } from './searchHint';
import { SearchResultItem } from './SearchResultItem';
import './search.css';

interface Props {
  index: SearchIndex | null;
  /** the line of the point last resolved: a bare "K123+456" means that line unless one is chosen */
  contextLineId: string | null;
  onChoose(hit: PlaceHit): void;
}

export function SearchBox({ index, contextLineId, onChoose }: Props) {
  const { t } = useT();
  const errorText = useErrorText();
  const [text, setText] = useState('');
  const [lineId, setLineId] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const { hits, loading, hint, errors } = usePlaceSearch(text, lineId ?? contextLineId);
  const listId = useId();
  const inputId = useId();
  const lineSelectId = useId();
  const input = useRef<HTMLInputElement>(null);
  // / or Ctrl+K from anywhere on the map
  useShortcut('search', () => {
    input.current?.focus();
    input.current?.select();
  });

  const choose = (hit: PlaceHit) => {
    if (hit.kind === 'line') setLineId(hit.id);
    setOpen(false);
    onChoose(hit);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (hits.length) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : hits.length - 1)) % hits.length);
    } else if (e.key === 'Enter') {
      const hit = hits[Math.min(active, hits.length - 1)];
      if (hit) {
        e.preventDefault();
        choose(hit);
      }
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  };

  const showList = open && text.trim() !== '';
  const activeHit = showList ? hits[active] : undefined;

  return (
    <div className="search" role="search">
      <label className="visually-hidden" htmlFor={inputId}>
        {t('search.label')}
      </label>
      <div className="search-row">
        <input
          ref={input}
          id={inputId}
          data-testid="search-input"
          title={withKeys(t('search.label'), SHORTCUT_KEYS.search)}
          className="search-input"
          type="search"
          role="combobox"
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeHit ? `${listId}-${activeHit.key}` : undefined}
          placeholder={t('search.placeholder')}
          autoComplete="off"
          spellCheck={false}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
        <label className="visually-hidden" htmlFor={lineSelectId}>
          {t('search.line')}
        </label>
        <select
          id={lineSelectId}
          data-testid="search-line"
          className="search-line"
          value={lineId ?? ''}
          onChange={(e) => setLineId(e.target.value || null)}
          title={t('search.line')}
        >
          <option value="">{t('search.anyLine')}</option>
          {index?.lines.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      </div>
      {showList && (
        <div className="search-popup">
          {hint && <p className="search-hint">{searchHintText(t, hint)}</p>}
          {errors.map((e) => (
            <p key={e.lineId} className="search-hint search-error" role="alert">
              <strong>{e.lineName}</strong> {errorText(new ApiError(422, e.code, e.message))}
            </p>
          ))}
          {loading && <p className="search-hint">{t('search.searching')}</p>}
          {!hint && !loading && hits.length === 0 && errors.length === 0 && <p className="search-hint">{t('search.none')}</p>}
          <ul id={listId} role="listbox" aria-label={t('search.results')} className="search-results">
            {hits.map((hit, i) => (
              <li
                key={hit.key}
                id={`${listId}-${hit.key}`}
                role="option"
                aria-selected={i === active}
                data-testid="search-result"
                data-kind={hit.kind}
                className={i === active ? 'search-result is-active' : 'search-result'}
                // mousedown would blur the input and close the list before the click lands
                onMouseDown={(e) => e.preventDefault()}
                onMouseEnter={() => setActive(i)}
                onClick={() => choose(hit)}
              >
                <SearchResultItem hit={hit} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
