import type { Category } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';

interface Props {
  categories: Category[];
  error: unknown;
  value: string | null;
  onChange(id: string | null): void;
}

export function CategorySelect({ categories, error, value, onChange }: Props) {
  const { t, lang } = useT();
  const errorText = useErrorText();
  const groups = new Map<string, Category[]>();
  for (const c of categories) {
    const list = groups.get(c.group) ?? [];
    list.push(c);
    groups.set(c.group, list);
  }
  const name = (c: Category) => (lang === 'en' ? c.nameEn : c.nameZh);

  return (
    <div className="category-select">
      <label className="field field-inline">
        <span>{t('category.label')}</span>
        <select data-testid="category-select" value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
          <option value="">{t('category.none')}</option>
          {[...groups].map(([group, list]) => (
            <optgroup key={group} label={group}>
              {list.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.basePriority} · {name(c)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      {error !== null && (
        <p className="notice notice-error" role="alert">
          {t('category.failed', { message: errorText(error) })}
        </p>
      )}
    </div>
  );
}
