import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { stationDisplayName, type PlaceHit } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { usePlaceSearch } from './usePlaceSearch';
import { searchHintText } from './searchHint';
import { SearchResultItem } from './SearchResultItem';
import './search.css';

interface Props {
  value: PlaceHit | null;
  /** the line chosen on the mileage tab: a bare "K123+456" means that line */
  lineId: string | null;
  onChange(place: PlaceHit | null): void;
  autoFocus?: boolean;
}

/**
 * The place a caller names, found by the server's search as on the map: a crossing, a village, a
 * bridge, a police station, a station or "湘桂 500". Enter takes the first hit — also when it is
 * pressed before the answer is in, in which case the first hit of that answer is taken.
 */
/** What the field shows once a place is chosen: a station the way people write it (柳州站). */
const hitName = (hit: PlaceHit) => (hit.kind === 'station' ? stationDisplayName(hit.name) : hit.name);

export function PlaceField({ value, lineId, onChange, autoFocus = false }: Props) {
  const { t } = useT();
  const id = useId();
  const [text, setText] = useState(value ? hitName(value) : '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [pending, setPending] = useState(false);
  const { hits, hint, loading, answeredFor } = usePlaceSearch(value ? '' : text, lineId);
  const choose = (hit: PlaceHit) => {
    onChange(hit);
    setText(hitName(hit));
    setOpen(false);
    setPending(false);
  };
  useEffect(() => {
    if (pending && answeredFor === text.trim() && hits[0]) choose(hits[0]);
    // choose is recreated each render; the answer arriving is what matters
  }, [pending, answeredFor, hits, text]);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (hits.length) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : hits.length - 1)) % hits.length);
    } else if (e.key === 'Enter' && !value && text.trim()) {
      // the form must not submit a call whose place is still being looked up
      e.preventDefault();
      if (!loading && hits.length) choose(hits[Math.min(active, hits.length - 1)]!);
      else if (loading) setPending(true);
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  };
  const showList = open && !value && text.trim() !== '';
  return (
    <div className="combobox place-field">
      <label className="field" htmlFor={`${id}-input`}>
        <span>{t('form.place')}</span>
      </label>
      <input
        id={`${id}-input`}
        data-testid="place-input"
        autoFocus={autoFocus}
        role="combobox"
        aria-expanded={showList}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        data-value={value?.key ?? ''}
        autoComplete="off"
        spellCheck={false}
        placeholder={t('form.placePlaceholder')}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
          setOpen(true);
          setPending(false);
          if (value) onChange(null);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {value && (
        <p className="combobox-chosen search-result" data-testid="place-chosen" data-kind={value.kind}>
          <SearchResultItem hit={value} />
        </p>
      )}
      {showList && (hits.length > 0 || hint || (!loading && answeredFor)) && (
        <ul className="combobox-list" id={`${id}-list`} role="listbox" aria-label={t('search.results')}>
          {hint && (
            <li role="presentation" className="search-hint">
              {searchHintText(t, hint)}
            </li>
          )}
          {!hint && hits.length === 0 && (
            <li role="presentation" className="search-hint">
              {t('search.none')}
            </li>
          )}
          {hits.map((hit, i) => (
            <li
              key={hit.key}
              role="option"
              aria-selected={i === active}
              data-testid="place-option"
              data-kind={hit.kind}
              className={i === active ? 'search-result is-active' : 'search-result'}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(hit);
              }}
            >
              <SearchResultItem hit={hit} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
