import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button } from 'antd';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { can } from '../api/dissemination';
import { canTranslate } from '../api/translation';
import { canOffice } from '../api/office';
import { canActivities } from '../api/activities';
import { canVolunteers } from '../api/volunteers';
import { canSeeRegistry } from '../api/registry';
import { canReport } from '../api/reports';
import { logout } from '../api/endpoints';
import { errorText } from '../api/errorText';
import { queryKeys, useMe } from '../api/queries';
import { LanguageSwitcher } from '../components/LanguageSwitcher';
import { AccountMenu } from '../pages/users/AccountMenu';
import { Msg } from '../i18n/Msg';
import { useI18n } from '../i18n/useI18n';
import './layout.css';

export function WorkspaceLayout() {
  const { data: me } = useMe(); // RequireAuth renders this only with a user
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const signOut = useMutation({
    mutationFn: logout,
    onSuccess: () => {
      queryClient.clear(); // nothing of this user's data may outlive the session
      queryClient.setQueryData(queryKeys.me, null);
      void navigate('/login', { replace: true });
    },
    onError: (error) => void message.error(errorText(error, t)),
  });

  return (
    <div className="workspace">
      <header className="workspace__header">
        <div className="workspace__brand">
          <span className="workspace__logo">
            <Msg k="app.name" />
          </span>
          <span className="workspace__subtitle">
            <Msg k="app.subtitle" />
          </span>
        </div>
        <nav className="workspace__nav" aria-label={t('app.name')}>
          <NavLink to="/orgs" className="workspace__link">
            <Msg k="nav.orgs" />
          </NavLink>
          <NavLink to="/content" className="workspace__link">
            <Msg k="nav.content" />
          </NavLink>
          {canTranslate(me) && (
            <NavLink to="/translation" className="workspace__link">
              <Msg k="nav.translation" />
            </NavLink>
          )}
          {canOffice(me) && (
            <NavLink to="/office" className="workspace__link">
              <Msg k="nav.office" />
            </NavLink>
          )}
          {can.seeStations(me) && (
            <NavLink to="/stations" className="workspace__link">
              <Msg k="nav.stations" />
            </NavLink>
          )}
          {can.seeOfficers(me) && (
            <NavLink to="/officers" className="workspace__link">
              <Msg k="nav.officers" />
            </NavLink>
          )}
          {can.pick(me) && (
            <NavLink to="/picks" className="workspace__link">
              <Msg k="nav.picks" />
            </NavLink>
          )}
          {can.seeDashboard(me) && (
            <NavLink to="/dissemination" className="workspace__link">
              <Msg k="nav.dashboard" />
            </NavLink>
          )}
          {can.seeLeaderboard(me) && (
            <NavLink to="/leaderboard" className="workspace__link">
              <Msg k="nav.leaderboard" />
            </NavLink>
          )}
          {can.beOfficer(me) && (
            <NavLink to="/me/officer" className="workspace__link">
              <Msg k="nav.me" />
            </NavLink>
          )}
          {canSeeRegistry(me) && (
            <NavLink to="/registry" className="workspace__link" data-testid="nav-registry">
              <Msg k="nav.registry" />
            </NavLink>
          )}
          {canReport(me) && (
            <NavLink to="/reports" className="workspace__link" data-testid="nav-reports">
              <Msg k="nav.reports" />
            </NavLink>
          )}
          <NavLink to="/thinktank" className="workspace__link" data-testid="nav-thinktank">
            <Msg k="nav.thinktank" />
          </NavLink>
          {canVolunteers.manage(me) && (
            <NavLink to="/volunteers" className="workspace__link">
              <Msg k="nav.volunteers" />
            </NavLink>
          )}
          {canActivities.see(me) && (
            <NavLink to="/activities" className="workspace__link">
              <Msg k="nav.activities" />
            </NavLink>
          )}
          <NavLink to="/messages" className="workspace__link" data-testid="nav-messages">
            <Msg k="nav.messages" />
          </NavLink>
          <NavLink to="/community" className="workspace__link" data-testid="nav-community">
            <Msg k="nav.community" />
          </NavLink>
          <NavLink to="/me/volunteer" className="workspace__link">
            <Msg k="nav.myVolunteer" />
          </NavLink>
          {me?.permissions.manageUsers && (
            <NavLink to="/users" className="workspace__link">
              <Msg k="nav.users" />
            </NavLink>
          )}
        </nav>
        <div className="workspace__tools">
          <LanguageSwitcher />
          {me && <AccountMenu me={me} />}
          <Button onClick={() => signOut.mutate()} loading={signOut.isPending}>
            <Msg k="nav.logout" />
          </Button>
        </div>
      </header>
      <main className="workspace__main">
        <Outlet />
      </main>
    </div>
  );
}
