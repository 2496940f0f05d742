import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { User } from '@railjoint/contracts';
import { paths } from '../../app/paths';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { placeText } from '../hazards/hazardText';
import { AspectBars, scoreColour } from './AspectBars';
import { useSpaceSections, useSpaceSites } from './spaceApi';
import { SitePanel } from './SitePanel';
import { NewSiteForm } from './NewSiteForm';
import { PlanPanel } from './PlanPanel';
import './space.css';

/** 防卫空间: the sites assessed along the line, weakest first, one site's page beside them, section scores and a plan under a budget. */
export function SpaceTab({ user, selectedId }: { user: User; selectedId: string | undefined }) {
  const { t, num } = useT();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const sites = useSpaceSites();
  const sections = useSpaceSections();
  const [adding, setAdding] = useState(false);
  const mayAssess = user.roles.some((r) => r !== 'auditor' && r !== 'volunteer');
  const list = [...(sites.data?.sites ?? [])].sort((a, b) => (a.latest?.total ?? -1) - (b.latest?.total ?? -1));
  const open = (id: string) => {
    setAdding(false);
    navigate(paths.spaceSite(id));
  };
  return (
    <div className="hazards-split">
      <section className="hazards-list">
        <header className="hazards-head">
          <h2>{t('space.title')}</h2>
          {mayAssess && (
            <button type="button" className="btn btn-primary" data-testid="space-new-site" onClick={() => setAdding(true)}>
              {t('space.newSite')}
            </button>
          )}
        </header>
        {sites.error != null && (
          <p className="notice notice-error" role="alert">
            {errorText(sites.error)}
          </p>
        )}
        {sites.isPending && <p className="muted">{t('space.loading')}</p>}
        {sites.data && list.length === 0 && <p className="muted">{t('space.none')}</p>}
        {list.length > 0 && (
          <div className="hazards-table-wrap">
            <table className="hazards-table" data-testid="space-sites">
              <thead>
                <tr>
                  <th>{t('space.col.name')}</th>
                  <th>{t('space.col.type')}</th>
                  <th>{t('space.col.place')}</th>
                  <th>{t('space.col.total')}</th>
                  <th>{t('space.col.aspects')}</th>
                  <th>{t('space.col.weakest')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((s) => (
                  <tr key={s.id} data-testid="space-site-row" data-site={s.id} className={s.id === selectedId ? 'is-selected' : undefined} onClick={() => open(s.id)}>
                    <td>
                      <button type="button" className="btn btn-quiet hazards-link" onClick={(e) => (e.stopPropagation(), open(s.id))}>
                        {s.name}
                      </button>
                    </td>
                    <td>{t(`space.type.${s.siteType}`)}</td>
                    <td className="hazards-nowrap">{placeText(s)}</td>
                    <td data-testid="space-site-total">{s.latest ? <strong style={{ color: scoreColour(s.latest.total) }}>{num(s.latest.total, 0)}</strong> : <span className="muted">{t('space.notAssessed')}</span>}</td>
                    <td>{s.latest && <AspectBars aspects={s.latest.aspects} weakest={s.latest.weakest} compact />}</td>
                    <td>{s.latest ? t(`space.aspect.${s.latest.weakest}`) : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {sections.data && sections.data.sections.length > 0 && (
          <section className="space-sections">
            <h3>{t('space.sections')}</h3>
            <table className="hazards-table" data-testid="space-sections">
              <tbody>
                {[...sections.data.sections]
                  .sort((a, b) => a.total - b.total)
                  .map((s) => (
                    <tr key={s.sectionId}>
                      <td>{s.sectionName}</td>
                      <td>{t('space.sections.sites', { n: s.sites })}</td>
                      <td>
                        <strong style={{ color: scoreColour(s.total) }}>{num(s.total, 0)}</strong>
                      </td>
                      <td>
                        <AspectBars aspects={s.aspects} weakest={s.weakest} compact />
                      </td>
                      <td>{t(`space.aspect.${s.weakest}`)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </section>
        )}
        <PlanPanel />
      </section>
      <section className="hazards-detail">
        {adding ? <NewSiteForm onDone={(id) => (id ? open(id) : setAdding(false))} /> : selectedId ? <SitePanel id={selectedId} mayAssess={mayAssess} /> : <p className="muted">{t('space.site.none')}</p>}
      </section>
    </div>
  );
}
