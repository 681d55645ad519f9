import { NavLink, Outlet } from 'react-router';
import { canActivities } from '../../api/activities';
import { useMe } from '../../api/queries';
import { LanguageSwitcher } from '../../components/LanguageSwitcher';
import { Msg } from '../../i18n/Msg';
import './volunteers.css';

/**
 * The frame of the phone pages (the volunteer's own pages and the door scanner): one compact bar
 * and the page in the normal document flow, so it scrolls like any mobile page. The staff workspace
 * (wide tables, a long menu) stays one link away.
 */
export function PhoneLayout() {
  const { data: me } = useMe();
  return (
    <div className="phone">
      <header className="phone__bar">
        <nav className="phone__nav">
          <NavLink to="/me/volunteer" className="phone__link">
            <Msg k="phone.me" />
          </NavLink>
          <NavLink to="/me/activities" className="phone__link">
            <Msg k="phone.activities" />
          </NavLink>
          <NavLink to="/me/hours" className="phone__link">
            <Msg k="phone.hours" />
          </NavLink>
          {canActivities.manage(me) && (
            <NavLink to="/scanner" className="phone__link">
              <Msg k="phone.scan" />
            </NavLink>
          )}
          <NavLink to="/orgs" className="phone__link" data-testid="phone-workspace">
            <Msg k="phone.workspace" />
          </NavLink>
        </nav>
        <LanguageSwitcher />
      </header>
      <main className="phone__main">
        <Outlet />
      </main>
    </div>
  );
}
