import { useEffect, useState } from 'react';
import { Route, Routes, useNavigate } from 'react-router';
import { LanguageSwitch } from '../../app/i18n/LanguageSwitch';
import { useT } from '../../app/i18n/useT';
import { ReportForm } from './ReportForm';
import { ReportStatus } from './ReportStatus';
import './report.css';

/**
 * The public pages (群众举报), outside any sign-in: /report to report, /report/<code> to follow a
 * report. Built for a phone, Chinese first. Nothing here reads or keeps a session.
 */
export function PublicReportApp() {
  const { t } = useT();
  const navigate = useNavigate();
  const [lookup, setLookup] = useState('');
  useEffect(() => {
    document.title = t('publicReport.title');
    document.body.classList.add('is-mobile');
    return () => document.body.classList.remove('is-mobile');
  }, [t]);
  return (
    <div className="report-page" data-testid="report-page">
      <header className="report-head">
        <h1>{t('publicReport.title')}</h1>
        <LanguageSwitch />
      </header>
      <p className="report-intro">{t('publicReport.intro')}</p>
      <Routes>
        <Route index element={<ReportForm />} />
        <Route path=":code" element={<ReportStatus />} />
      </Routes>
      <form
        className="report-lookup"
        onSubmit={(e) => {
          e.preventDefault();
          if (lookup.trim()) navigate(`/report/${encodeURIComponent(lookup.trim())}`);
        }}
      >
        <label>
          {t('publicReport.lookup')}
          <input className="report-big mono" data-testid="report-lookup" value={lookup} placeholder={t('publicReport.lookupCode')} onChange={(e) => setLookup(e.target.value)} />
        </label>
        <button type="submit" className="btn report-big">
          {t('publicReport.lookupGo')}
        </button>
      </form>
    </div>
  );
}
