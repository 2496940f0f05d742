import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { stationDisplayName } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { matchStations, type SearchIndex, type StationEntry } from '../search/searchIndex';

interface Props {
  index: SearchIndex | null;
  value: StationEntry | null;
  onChange(station: StationEntry | null): void;
  autoFocus?: boolean;
}

/** A station by name or telegraph code, from the network already loaded for the map. */
export function StationSearch({ index, value, onChange, autoFocus = false }: Props) {
  const { t } = useT();
  const id = useId();
  const [text, setText] = useState(value ? stationDisplayName(value.name) : '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const options = useMemo(() => (open && index ? matchStations(index, text, 8) : []), [open, index, text]);
  const choose = (s: StationEntry) => {
    onChange(s);
    setText(stationDisplayName(s.name));
    setOpen(false);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, options.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter' && open && options.length > 0) {
      e.preventDefault();
      choose(options[Math.min(active, options.length - 1)]!);
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  };
  return (
    <div className="combobox">
      <label className="field" htmlFor={`${id}-input`}>
        <span>{t('form.station')}</span>
      </label>
      <input
        id={`${id}-input`}
        data-testid="station-input"
        autoFocus={autoFocus}
        role="combobox"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        data-value={value?.id ?? ''}
        autoComplete="off"
        placeholder={t('form.stationPlaceholder')}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
          setOpen(true);
          if (value) onChange(null);
        }}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {open && options.length > 0 && (
        <ul className="combobox-list" id={`${id}-list`} role="listbox">
          {options.map((s, i) => (
            <li
              key={s.id}
              role="option"
              aria-selected={i === active}
              data-testid="station-option"
              className={i === active ? 'is-active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(s);
              }}
            >
              <span>{stationDisplayName(s.name)}</span>
              {s.telecode && <span className="muted mono">{s.telecode}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
