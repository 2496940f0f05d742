import type { ChainInfo } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';

/** At a chain break the same mileage can name two places: say which stretch this one is. */
export function ChainNote({ chain }: { chain: ChainInfo }) {
  const { t, num } = useT();
  return (
    <p className="notice notice-warn" title={chain.note}>
      {t('panel.chain', { kind: t(`chain.${chain.kind}`), behind: chain.behind, ahead: chain.ahead, length: num(chain.lengthM) })}
      {chain.occurrence !== undefined && ` · ${t('panel.chainOccurrence', { n: chain.occurrence })}`}
    </p>
  );
}
