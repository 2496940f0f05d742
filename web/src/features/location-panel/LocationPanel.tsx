import type { Category } from '@railjoint/contracts';
import type { ReactNode } from 'react';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { CategorySelect } from './CategorySelect';
import { LocationSummary } from './LocationSummary';
import { ZoneVerdict } from './ZoneVerdict';
import { JurisdictionList } from './JurisdictionList';
import { ResponsibilitySection } from './ResponsibilitySection';
import type { Lookup } from './useLocationLookup';
import './location-panel.css';

interface Props {
  lookup: Lookup;
  categories: Category[];
  categoriesError: unknown;
  categoryId: string | null;
  onCategoryChange(id: string | null): void;
  /** the search box, which sits at the head of the panel */
  search: ReactNode;
}

export function LocationPanel({ lookup, categories, categoriesError, categoryId, onCategoryChange, search }: Props) {
  const { t } = useT();
  const errorText = useErrorText();
  const { result, loading, error, point } = lookup;

  return (
    <aside
      className="location-panel"
      data-testid="location-panel"
      aria-labelledby="panel-heading"
      aria-busy={loading}
      data-state={loading ? 'loading' : error !== null ? 'error' : result ? 'done' : 'idle'}
      data-seq={lookup.seq}
    >
      <div className="panel-head">
        {search}
        <CategorySelect categories={categories} error={categoriesError} value={categoryId} onChange={onCategoryChange} />
      </div>
      <div className="panel-body">
        <h2 id="panel-heading" className="panel-title">
          {t('panel.title')}
          {loading && (
            <span className="panel-loading" role="status">
              {t('panel.loading')}
            </span>
          )}
        </h2>
        {error !== null && (
          <p className="notice notice-error" role="alert" data-testid="panel-error">
            {errorText(error)}
          </p>
        )}
        {!point && <p className="muted panel-empty">{t('panel.empty')}</p>}
        {result && (
          <div className={loading ? 'panel-result is-stale' : 'panel-result'}>
            <LocationSummary result={result} />
            <ZoneVerdict zone={result.protectionZone} />
            <JurisdictionList agencies={result.jurisdiction} />
            {result.responsibility && <ResponsibilitySection responsibility={result.responsibility} />}
          </div>
        )}
      </div>
    </aside>
  );
}
