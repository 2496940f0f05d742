import { useCallback, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useErrorText } from '../../api/useErrorText';
import { queryKeys } from '../../api/queryClient';
import { useT } from '../../app/i18n/useT';
import { paths } from '../../app/paths';
import { useAgencies } from '../dispatch/useAgencies';
import { bulletinApi, type BulletinView } from './bulletinApi';
import { BulletinDetail } from './BulletinDetail';
import { BulletinList } from './BulletinList';
import { CapImport } from './CapImport';
import { PublishForm } from './PublishForm';
import { SharingAdmin } from '../sharing-admin/SharingAdmin';
import './bulletins.css';

type Pane = { kind: 'new' } | { kind: 'import' } | { kind: 'admin' } | null;

/**
 * 通报: the bulletins the user may see, one open at a time (its number in the address, so a link
 * or a reload keeps it), publishing and CAP import. Published, acknowledged, withdrawn and
 * reminded bulletins reach the list through the live channel.
 */
export function BulletinsRoom({ userAgencyId, roles }: { userAgencyId: string | null; roles: readonly string[] }) {
  const { t } = useT();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const client = useQueryClient();
  const code = useParams().code ?? null;
  const agencies = useAgencies();
  const isCentre = agencies.find((a) => a.id === userAgencyId)?.type === 'coordination_centre';
  const [view, setView] = useState<BulletinView>('current');
  // ?about=JQ… (from an incident's page): the form opens for a bulletin about that incident
  const [search, setSearch] = useSearchParams();
  const about = search.get('about') ?? '';
  const [pane, setPane] = useState<Pane>(() => (about ? { kind: 'new' } : null));
  const list = useQuery({ queryKey: [...queryKeys.bulletins, 'list', view], queryFn: async ({ signal }) => (await bulletinApi.list(view, signal)).bulletins });
  const bulletins = list.data ?? [];
  const listed = code ? bulletins.find((b) => b.code === code) : undefined;
  const byCode = useQuery({ queryKey: queryKeys.bulletinByCode(code ?? ''), queryFn: ({ signal }) => bulletinApi.byCode(code!, signal), enabled: code !== null && !listed && list.isFetched, staleTime: Infinity });
  const openId = code ? (listed?.id ?? byCode.data?.id ?? null) : null;

  const changed = useCallback(() => void client.invalidateQueries({ queryKey: queryKeys.bulletins }, { cancelRefetch: false }), [client]);
  const open = (id: string) => {
    const b = bulletins.find((x) => x.id === id);
    setPane(null);
    if (b) navigate(paths.bulletin(b.code));
    else void client.fetchQuery({ queryKey: [...queryKeys.bulletins, 'detail', id], queryFn: ({ signal }) => bulletinApi.get(id, signal) }).then((x) => navigate(paths.bulletin(x.code)), () => undefined);
  };
  const show = (next: Pane) => {
    setPane(next);
    if (code) navigate(paths.bulletins);
  };

  return (
    <div className="bulletins-room" data-testid="bulletins-room">
      <BulletinList bulletins={bulletins} view={view} onView={setView} selected={openId} onOpen={open} onNew={() => show({ kind: 'new' })} onImport={() => show({ kind: 'import' })} onAdmin={roles.some((r) => r === 'admin' || r === 'commander') ? () => show({ kind: 'admin' }) : undefined} />
      <main className="bulletin-pane">
        {list.error !== null && <p className="notice notice-error">{errorText(list.error)}</p>}
        {code && openId && <BulletinDetail key={openId} id={openId} userAgencyId={userAgencyId} isCentre={isCentre} onChanged={changed} />}
        {code && !openId && (byCode.data === null || byCode.error) && <p className="notice notice-error">{byCode.error ? errorText(byCode.error) : t('bulletin.notFound', { code })}</p>}
        {!code && pane?.kind === 'new' && (
          <PublishForm
            agencies={agencies}
            incidentCode={about}
            onCancel={() => {
              setPane(null);
              if (about) setSearch({});
            }}
            onDone={(b) => {
              changed();
              open(b.id);
            }}
          />
        )}
        {!code && pane?.kind === 'admin' && <SharingAdmin agencies={agencies} roles={roles} />}
        {!code && pane?.kind === 'import' && (
          <CapImport
            onDone={(id) => {
              changed();
              open(id);
            }}
          />
        )}
      </main>
    </div>
  );
}
