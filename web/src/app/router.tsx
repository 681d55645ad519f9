import { createBrowserRouter, Navigate } from 'react-router';
import { LoginPage } from '../pages/login/LoginPage';
import { OrgTreePage } from '../pages/orgs/OrgTreePage';
import { UsersPage } from '../pages/users/UsersPage';
import { RequireAuth } from './RequireAuth';
import { WorkspaceLayout } from './WorkspaceLayout';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  // The e-station kiosk: public (no login), installable, plays offline (its own service worker).
  { path: '/kiosk', lazy: async () => ({ Component: (await import('../kiosk/KioskStart')).KioskStart }) },
  { path: '/kiosk/:stationCode', lazy: async () => ({ Component: (await import('../kiosk/KioskPage')).KioskPage }) },
  // The venue QR of an activity: the audience checks in without an account (counted once per phone).
  { path: '/attend/:id', lazy: async () => ({ Component: (await import('../pages/activities/AttendPage')).AttendPage }) },
  // A needs survey's public link or QR: answered without an account, once per phone.
  { path: '/survey/:key', lazy: async () => ({ Component: (await import('../pages/thinktank/SurveyPage')).SurveyPage }) },
  {
    element: <RequireAuth />,
    children: [
      {
        // Phone-sized pages (issue 6): the volunteer's own pages and the door scanner, in a compact frame.
        lazy: async () => ({ Component: (await import('../pages/volunteers/PhoneLayout')).PhoneLayout }),
        children: [
          { path: 'me/volunteer', lazy: async () => ({ Component: (await import('../pages/volunteers/MyVolunteerPage')).MyVolunteerPage }) },
          { path: 'me/activities', lazy: async () => ({ Component: (await import('../pages/volunteers/MyActivitiesPage')).MyActivitiesPage }) },
          { path: 'me/hours', lazy: async () => ({ Component: (await import('../pages/volunteers/MyHoursPage')).MyHoursPage }) },
          { path: 'scanner', lazy: async () => ({ Component: (await import('../pages/activities/ScannerPage')).ScannerPage }) },
        ],
      },
      {
        element: <WorkspaceLayout />,
        children: [
          { index: true, element: <Navigate to="/orgs" replace /> },
          { path: 'orgs', element: <OrgTreePage /> },
          { path: 'users', element: <UsersPage /> },
          // The resource library (and its editor, Tiptap/ProseMirror) loads when first opened.
          { path: 'content', lazy: async () => ({ Component: (await import('../pages/content/ResourceListPage')).ResourceListPage }) },
          { path: 'content/new', lazy: async () => ({ Component: (await import('../pages/content/NewResourcePage')).NewResourcePage }) },
          { path: 'content/:id', lazy: async () => ({ Component: (await import('../pages/content/ResourceEditorPage')).ResourceEditorPage }) },
          // Dissemination (e-stations, officers, counts): loaded when first opened (ECharts loads later still, with a chart).
          // Translation workbench (issue 9): tasks with side-by-side editor and memory suggestions.
          { path: 'translation', lazy: async () => ({ Component: (await import('../pages/translation/TranslationPage')).TranslationPage }) },
          { path: 'office', lazy: async () => ({ Component: (await import('../pages/office/OfficePage')).OfficePage }) },
          { path: 'stations', lazy: async () => ({ Component: (await import('../pages/dissemination/StationsPage')).StationsPage }) },
          { path: 'officers', lazy: async () => ({ Component: (await import('../pages/dissemination/OfficersPage')).OfficersPage }) },
          { path: 'picks', lazy: async () => ({ Component: (await import('../pages/dissemination/PicksPage')).PicksPage }) },
          { path: 'dissemination', lazy: async () => ({ Component: (await import('../pages/dissemination/DashboardPage')).DashboardPage }) },
          { path: 'leaderboard', lazy: async () => ({ Component: (await import('../pages/dissemination/LeaderboardPage')).LeaderboardPage }) },
          { path: 'me/officer', lazy: async () => ({ Component: (await import('../pages/dissemination/MyOfficerPage')).MyOfficerPage }) },
          // The management registry (societies, reform tasks, competitions …): one generic page per list.
          { path: 'registry', lazy: async () => ({ Component: (await import('../pages/registry/RegistryIndexPage')).RegistryIndexPage }) },
          { path: 'registry/:list', lazy: async () => ({ Component: (await import('../pages/registry/RegistryListPage')).RegistryListPage }) },
          { path: 'reports', lazy: async () => ({ Component: (await import('../pages/reports/ReportsPage')).ReportsPage }) },
          { path: 'thinktank', lazy: async () => ({ Component: (await import('../pages/thinktank/ThinktankPage')).ThinktankPage }) },
          { path: 'thinktank/:tab', lazy: async () => ({ Component: (await import('../pages/thinktank/ThinktankPage')).ThinktankPage }) },
          // Volunteers and activities (issue 6): staff pages, the door scanner, the volunteer's own phone pages.
          { path: 'volunteers', lazy: async () => ({ Component: (await import('../pages/volunteers/VolunteersPage')).VolunteersPage }) },
          { path: 'volunteer-teams', lazy: async () => ({ Component: (await import('../pages/volunteers/TeamsPage')).TeamsPage }) },
          { path: 'activities', lazy: async () => ({ Component: (await import('../pages/activities/ActivitiesPage')).ActivitiesPage }) },
          { path: 'activities/:id', lazy: async () => ({ Component: (await import('../pages/activities/ActivityPage')).ActivityPage }) },
          { path: 'service-hours', lazy: async () => ({ Component: (await import('../pages/activities/HoursApprovalPage')).HoursApprovalPage }) },
          { path: 'pairings', lazy: async () => ({ Component: (await import('../pages/activities/PairingsPage')).PairingsPage }) },
          // Messaging (issue 7): conversations with a live socket; loaded when first opened.
          { path: 'messages', lazy: async () => ({ Component: (await import('../pages/messaging/MessagingPage')).MessagingPage }) },
          { path: 'messages/:id', lazy: async () => ({ Component: (await import('../pages/messaging/MessagingPage')).MessagingPage }) },
          { path: 'community', lazy: async () => ({ Component: (await import('../pages/community/CommunityPage')).CommunityPage }) },
          { path: '*', element: <Navigate to="/orgs" replace /> },
        ],
      },
    ],
  },
]);
