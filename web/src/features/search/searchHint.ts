import type { PlaceSearchResult } from '@railjoint/contracts';
import type { I18n } from '../../app/i18n/context';

/** Why nothing can be looked up yet, in the user's words. */
export function searchHintText(t: I18n['t'], hint: NonNullable<PlaceSearchResult['hint']>): string {
  switch (hint.code) {
    case 'need_line':
      return t('search.needLine');
    case 'bad_mileage':
      return t('search.badMileage');
    case 'unknown_line':
      return t('search.unknownLineName', { name: hint.lineText ?? '' });
  }
}
