import { forwardRef, useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { Category } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { buildCategoryMatcher } from './categorySearch';

interface Props {
  categories: Category[];
  value: Category | null;
  onChange(category: Category | null): void;
  error?: string;
}

/** Type 击打, "jida" or "jdlc"; arrows move, Enter takes the highlighted one, Esc closes. */
export const CategoryCombobox = forwardRef<HTMLInputElement, Props>(function CategoryCombobox({ categories, value, onChange, error }, ref) {
  const { t, lang } = useT();
  const id = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const match = useMemo(() => buildCategoryMatcher(categories), [categories]);
  const options = useMemo(() => (open ? match(text) : []), [open, match, text]);
  const name = (c: Category) => (lang === 'en' ? c.nameEn : c.nameZh);

  const choose = (c: Category) => {
    onChange(c);
    setText(name(c));
    setOpen(false);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!open) setOpen(true);
      else setActive((a) => Math.min(a + 1, options.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter' && open && options.length > 0) {
      // Enter picks the category; only an Enter with the list closed submits the form
      e.preventDefault();
      choose(options[Math.min(active, options.length - 1)]!);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      setOpen(false);
    }
  };

  return (
    <div className="combobox">
      <label className="field" htmlFor={`${id}-input`}>
        <span>{t('form.category')}</span>
      </label>
      <input
        ref={ref}
        id={`${id}-input`}
        data-testid="category-input"
        role="combobox"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-invalid={error ? true : undefined}
        aria-activedescendant={open && options[active] ? `${id}-opt-${options[active].id}` : undefined}
        data-value={value?.id ?? ''}
        placeholder={t('form.categoryPlaceholder')}
        autoComplete="off"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
          setOpen(true);
          if (value) onChange(null);
        }}
        onFocus={() => !value && setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {value && (
        <span className="combobox-chosen">
          <span className={`priority-badge priority-${value.basePriority}`}>{value.basePriority}</span> {value.group}
        </span>
      )}
      {open && options.length > 0 && (
        <ul className="combobox-list" id={`${id}-list`} role="listbox">
          {options.map((c, i) => (
            <li
              key={c.id}
              id={`${id}-opt-${c.id}`}
              role="option"
              aria-selected={i === active}
              data-testid="category-option"
              data-id={c.id}
              className={i === active ? 'is-active' : undefined}
              // mousedown, not click: the input's blur would close the list before a click lands
              onMouseDown={(e) => {
                e.preventDefault();
                choose(c);
              }}
            >
              <span className={`priority-badge priority-${c.basePriority}`}>{c.basePriority}</span>
              <span>{name(c)}</span>
              <span className="muted combobox-pinyin">{c.pinyin}</span>
            </li>
          ))}
        </ul>
      )}
      {open && text && options.length === 0 && <p className="muted combobox-none">{t('form.noCategory')}</p>}
      {error && <p className="field-error" role="alert">{error}</p>}
    </div>
  );
});
