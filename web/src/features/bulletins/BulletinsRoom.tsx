import { useCallback, useEffect, useRef, useState } from 'react';
import { useErrorText } from '../../api/useErrorText';
import { useLiveChannel } from '../../api/useLiveChannel';
import { useAgencies } from '../dispatch/useAgencies';
import { bulletinApi, type BulletinSummary, type BulletinView } from './bulletinApi';
import { BulletinDetail } from './BulletinDetail';
import { BulletinList } from './BulletinList';
import { CapImport } from './CapImport';
import { PublishForm } from './PublishForm';
import { SharingAdmin } from '../sharing-admin/SharingAdmin';
import './bulletins.css';

type Pane = { kind: 'detail'; id: string } | { kind: 'new' } | { kind: 'import' } | { kind: 'admin' } | null;

/** 通报: the bulletins the user may see, one open at a time, publishing and CAP import. */
export function BulletinsRoom({ userAgencyId, roles }: { userAgencyId: string | null; roles: readonly string[] }) {
  const errorText = useErrorText();
  const agencies = useAgencies();
  const isCentre = agencies.find((a) => a.id === userAgencyId)?.type === 'coordination_centre';
  const [view, setView] = useState<BulletinView>('current');
  const [list, setList] = useState<BulletinSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [pane, setPane] = useState<Pane>(null);
  const [version, setVersion] = useState(0);
  const debounce = useRef<number | undefined>(undefined);
  const bump = useCallback(() => {
    window.clearTimeout(debounce.current);
    debounce.current = window.setTimeout(() => setVersion((v) => v + 1), 150);
  }, []);
  // published, acknowledged, withdrawn, reminded: the list and the open one follow
  useLiveChannel((e) => e.entity === 'bulletin' && bump(), bump);

  useEffect(() => {
    const abort = new AbortController();
    bulletinApi.list(view, abort.signal).then(
      (r) => !abort.signal.aborted && setList(r.bulletins),
      (e: unknown) => !abort.signal.aborted && setError(errorText(e)),
    );
    return () => abort.abort();
  }, [view, version, errorText]);
  useEffect(() => () => window.clearTimeout(debounce.current), []);

  return (
    <div className="bulletins-room" data-testid="bulletins-room">
      <BulletinList bulletins={list} view={view} onView={setView} selected={pane?.kind === 'detail' ? pane.id : null} onOpen={(id) => setPane({ kind: 'detail', id })} onNew={() => setPane({ kind: 'new' })} onImport={() => setPane({ kind: 'import' })} onAdmin={roles.some((r) => r === 'admin' || r === 'commander') ? () => setPane({ kind: 'admin' }) : undefined} />
      <main className="bulletin-pane">
        {error && <p className="notice notice-error">{error}</p>}
        {pane?.kind === 'detail' && <BulletinDetail key={pane.id} id={pane.id} version={version} userAgencyId={userAgencyId} isCentre={isCentre} onChanged={bump} />}
        {pane?.kind === 'new' && (
          <PublishForm
            agencies={agencies}
            onCancel={() => setPane(null)}
            onDone={(b) => {
              bump();
              setPane({ kind: 'detail', id: b.id });
            }}
          />
        )}
        {pane?.kind === 'admin' && <SharingAdmin agencies={agencies} roles={roles} />}
        {pane?.kind === 'import' && (
          <CapImport
            onDone={(id) => {
              bump();
              setPane({ kind: 'detail', id });
            }}
          />
        )}
      </main>
    </div>
  );
}
