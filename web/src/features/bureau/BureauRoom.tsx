import type { FederationNode } from '@railjoint/contracts';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { formatDateTime } from '../incidents/formatDateTime';
import { useFederatedBulletins, useFederatedIncidents, useFederation, useIncidentsToday } from './bureauApi';
import './bureau.css';

/**
 * 局处联网: this node and the others it is linked with — a bureau's departments with their links,
 * figures and open incidents, a department's link to its bureau — and the bulletins between them
 * with who acknowledged them where.
 */
export function BureauRoom() {
  const { t, num, lang } = useT();
  const errorText = useErrorText();
  const overview = useFederation();
  const self = overview.data?.self;
  const watching = (overview.data?.nodes.length ?? 0) > 0;
  const incidents = useFederatedIncidents(watching && self?.role === 'bureau');
  const bulletins = useFederatedBulletins(watching);
  const role = (r: 'bureau' | 'department' | 'standalone') => t(r === 'bureau' ? 'bureau.role.bureau' : r === 'department' ? 'bureau.role.department' : 'bureau.role.standalone');
  const error = overview.error ?? incidents.error ?? bulletins.error;

  return (
    <main className="bureau-room" data-testid="bureau-room">
      <header>
        <h2>{t('bureau.title')}</h2>
        {self && <span className="muted">{t('bureau.self', { name: self.name ?? '—', role: role(self.role) })}</span>}
      </header>
      {error && (
        <p className="notice notice-error" role="alert">
          {errorText(error)}
        </p>
      )}
      {self?.role === 'standalone' && <p className="muted">{t('bureau.standalone')}</p>}
      {self?.natsConnected === false && <p className="notice notice-warning">{t('bureau.natsDown')}</p>}
      {self && self.role !== 'standalone' && (
        <section>
          <h3>{t('bureau.nodes')}</h3>
          {watching ? (
            <table className="bureau-table" data-testid="bureau-nodes">
              <thead>
                <tr>
                  <th>{t('bureau.col.node')}</th>
                  <th>{t('bureau.col.link')}</th>
                  <th>{t('bureau.col.silent')}</th>
                  <th>{t('bureau.col.lag')}</th>
                  <th>{t('bureau.col.last')}</th>
                  <th>{t('bureau.col.incidents')}</th>
                  {self.role === 'bureau' && <th>{t('bureau.col.today')}</th>}
                  <th>{t('bureau.col.bulletins')}</th>
                </tr>
              </thead>
              <tbody>
                {overview.data!.nodes.map((n) => (
                  <NodeRow key={n.id} node={n} showToday={self.role === 'bureau'} />
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">{t('bureau.noNodes')}</p>
          )}
        </section>
      )}
      {self?.role === 'bureau' && watching && (
        <section>
          <h3>{t('bureau.incidents')}</h3>
          {incidents.data?.incidents.length ? (
            <table className="bureau-table" data-testid="bureau-incidents">
              <thead>
                <tr>
                  <th>{t('bureau.col.node')}</th>
                  <th>{t('bureau.col.code')}</th>
                  <th>{t('bureau.col.category')}</th>
                  <th>{t('bureau.col.place')}</th>
                  <th>{t('bureau.col.priority')}</th>
                  <th>{t('bureau.col.status')}</th>
                  <th>{t('bureau.col.lead')}</th>
                  <th>{t('bureau.col.received')}</th>
                </tr>
              </thead>
              <tbody>
                {incidents.data.incidents.map((i) => (
                  <tr key={i.id}>
                    <td>{i.nodeName}</td>
                    <td>{i.code}</td>
                    <td>{i.categoryName}</td>
                    <td className="wrap">{[i.location.lineName, i.location.mileage, i.location.stationName].filter(Boolean).join(' ')}</td>
                    <td>{i.priority}</td>
                    <td>{i.status}</td>
                    <td className="wrap">{i.lead?.name ?? '—'}</td>
                    <td>{formatDateTime(i.receivedAt, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">{t('bureau.noIncidents')}</p>
          )}
        </section>
      )}
      {watching && (
        <section>
          <h3>{t('bureau.bulletins')}</h3>
          {bulletins.data?.bulletins.length ? (
            <table className="bureau-table" data-testid="bureau-bulletins">
              <thead>
                <tr>
                  <th>{t('bureau.col.code')}</th>
                  <th>{t('bureau.col.title')}</th>
                  <th>{t('bureau.col.from')}</th>
                  <th>{t('bureau.col.to')}</th>
                  <th>{t('bureau.col.receipts')}</th>
                </tr>
              </thead>
              <tbody>
                {bulletins.data.bulletins.map((b) => (
                  <tr key={b.id} data-status={b.status}>
                    <td>{b.code}</td>
                    <td className="wrap">{b.status === 'withdrawn' ? <s>{b.title}</s> : b.title}</td>
                    <td className="wrap">
                      {b.originName} · {b.sender.agencyName}
                    </td>
                    <td className="wrap">{b.targets.map((x) => x.nodeName).join('、')}</td>
                    <td className="wrap">{b.receipts.length ? b.receipts.map((r) => `${r.nodeName} ${r.agencyName}`).join('、') : num(0)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">{t('bureau.noBulletins')}</p>
          )}
        </section>
      )}
    </main>
  );
}

function NodeRow({ node, showToday }: { node: FederationNode; showToday: boolean }) {
  const { t, num, lang } = useT();
  const today = useIncidentsToday(node.id, showToday);
  const state = node.link.state;
  return (
    <tr data-node={node.id} data-link={state}>
      <td>
        {node.name} <span className="muted">{node.id}</span>
      </td>
      <td>
        <span className={`bureau-link bureau-link-${state}`}>{t(state === 'connected' ? 'bureau.link.connected' : state === 'disconnected' ? 'bureau.link.disconnected' : 'bureau.link.unknown')}</span>
      </td>
      <td>{node.link.silentMs === null ? '—' : t('bureau.seconds', { n: num(node.link.silentMs / 1000, 0) })}</td>
      <td>{node.link.lag === null ? '—' : num(node.link.lag)}</td>
      <td>{node.lastMessageAt ? formatDateTime(node.lastMessageAt, lang) : '—'}</td>
      <td>
        {num(node.incidents.total)} ({num(node.incidents.open)})
      </td>
      {showToday && <td>{today.data === undefined ? '—' : num(today.data)}</td>}
      <td>{num(node.bulletins)}</td>
    </tr>
  );
}
