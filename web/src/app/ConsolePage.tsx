import { lazy, Suspense, useCallback, useState } from 'react';
import { flushSync } from 'react-dom';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import type { User } from '@railjoint/contracts';
import { TopBar } from './TopBar';
import { RoomNav } from './RoomNav';
import { LocationRoom } from './LocationRoom';
import { paths } from './paths';
import { useT } from './i18n/useT';
import { IncidentsRoom } from '../features/incidents/IncidentsRoom';
import { UnitsRoom } from '../features/units/UnitsRoom';
import { BulletinsRoom } from '../features/bulletins/BulletinsRoom';
import { BureauRoom } from '../features/bureau/BureauRoom';
import { PatrolsRoom } from '../features/patrol-coverage/PatrolsRoom';
import { DefenceRoom } from '../features/alarms/DefenceRoom';
import { HazardsRoom } from '../features/hazards/HazardsRoom';
import { MeetingsRoom } from '../features/meetings/MeetingsRoom';
import { ResponsibilityListRoom } from '../features/responsibility-list/ResponsibilityListRoom';
import { AgreementsRoom } from '../features/agreements/AgreementsRoom';
import { AssessmentRoom } from '../features/assessment/AssessmentRoom';
import { SficRoom } from '../features/sfic/SficRoom';
import { IndicatorsRoom } from '../features/indicators/IndicatorsRoom';
import { RiskRoom } from '../features/risk/RiskRoom';
import { useLiveSync } from '../api/useLiveSync';
import { useP1Alarm } from '../features/incidents/useP1Alarm';
import { useGlobalShortcuts } from '../features/shortcuts/useGlobalShortcuts';
import { useShortcut } from '../features/shortcuts/registry';
import { ShortcutHelp } from '../features/shortcuts/ShortcutHelp';
import { requestNewCall } from '../features/shortcuts/newCallRequests';
import { SHORTCUT_KEYS } from '../features/shortcuts/bindings';
import { withKeys } from '../features/shortcuts/Keys';
import { AlertCentre } from '../features/alerts/AlertCentre';
import { useRefetchOnLanguage } from '../api/useRefetchOnLanguage';
import { SignedInUser } from './signedInUser';

// ECharts loads with the rooms that draw charts, not with the console
const BriefingsRoom = lazy(() => import('../features/briefings/BriefingsRoom').then((m) => ({ default: m.BriefingsRoom })));
const WallPage = lazy(() => import('../features/wall/WallPage').then((m) => ({ default: m.WallPage })));

/**
 * The signed-in shell: the top bar, the rooms by address, the one live channel that keeps every
 * read current, the P1 alarm and the keyboard shortcuts, whatever room is open.
 */
export function ConsolePage({ user, onSignOut }: { user: User; onSignOut(): void }) {
  const { t } = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [help, setHelp] = useState(false);
  useLiveSync();
  useRefetchOnLanguage();
  useP1Alarm();
  useGlobalShortcuts();
  useShortcut('help', () => setHelp((h) => !h));
  useShortcut(
    'newCall',
    useCallback(() => {
      // rendered at once, so the caller's first words land in the category, not on the page
      flushSync(() => navigate(paths.incidents));
      requestNewCall();
    }, [navigate]),
  );
  const helpButton = (
    <button type="button" className="btn btn-quiet topbar-help" data-testid="shortcut-help-open" title={withKeys(t('shortcuts.title'), SHORTCUT_KEYS.help)} aria-label={t('shortcuts.open')} onClick={() => setHelp(true)}>
      ?
    </button>
  );
  // the wall is opened full screen on the centre's wall: no top bar, the same live channel
  if (pathname === paths.wall)
    return (
      <SignedInUser.Provider value={user}>
        <Suspense fallback={null}>
          <WallPage />
        </Suspense>
      </SignedInUser.Provider>
    );
  return (
    <SignedInUser.Provider value={user}>
      <div className="console">
        <TopBar
          user={user}
          onSignOut={onSignOut}
          nav={<RoomNav />}
          tools={
            <>
              <AlertCentre />
              {helpButton}
            </>
          }
        />
        <Routes>
          <Route index element={<LocationRoom />} />
          <Route path="map" element={<LocationRoom />} />
          <Route path="incidents/:code?" element={<IncidentsRoom userAgencyId={user.agencyId} />} />
          <Route path="units" element={<UnitsRoom />} />
          <Route path="bulletins/:code?" element={<BulletinsRoom userAgencyId={user.agencyId} roles={user.roles} />} />
          <Route path="bureau" element={<BureauRoom />} />
          <Route path="patrols/*" element={<PatrolsRoom user={user} />} />
          <Route path="defence/:tab?" element={<DefenceRoom user={user} />} />
          <Route path="hazards/:tab?/:id?" element={<HazardsRoom user={user} />} />
          <Route path="meetings/:id?" element={<MeetingsRoom user={user} />} />
          <Route
            path="briefings/:id?"
            element={
              <Suspense fallback={null}>
                <BriefingsRoom user={user} />
              </Suspense>
            }
          />
          <Route path="responsibility-list" element={<ResponsibilityListRoom />} />
          <Route path="agreements/:id?" element={<AgreementsRoom user={user} />} />
          <Route path="assessment" element={<AssessmentRoom user={user} />} />
          <Route path="sfic" element={<SficRoom />} />
          <Route path="indicators" element={<IndicatorsRoom />} />
          <Route path="risk/:tab?" element={<RiskRoom />} />
          <Route path="*" element={<Navigate replace to="/" />} />
        </Routes>
        {help && <ShortcutHelp onClose={() => setHelp(false)} />}
      </div>
    </SignedInUser.Provider>
  );
}
