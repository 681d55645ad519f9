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
  {
    element: <RequireAuth />,
    children: [
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
          { path: 'stations', lazy: async () => ({ Component: (await import('../pages/dissemination/StationsPage')).StationsPage }) },
          { path: 'officers', lazy: async () => ({ Component: (await import('../pages/dissemination/OfficersPage')).OfficersPage }) },
          { path: 'picks', lazy: async () => ({ Component: (await import('../pages/dissemination/PicksPage')).PicksPage }) },
          { path: 'dissemination', lazy: async () => ({ Component: (await import('../pages/dissemination/DashboardPage')).DashboardPage }) },
          { path: 'leaderboard', lazy: async () => ({ Component: (await import('../pages/dissemination/LeaderboardPage')).LeaderboardPage }) },
          { path: 'me/officer', lazy: async () => ({ Component: (await import('../pages/dissemination/MyOfficerPage')).MyOfficerPage }) },
          { path: '*', element: <Navigate to="/orgs" replace /> },
        ],
      },
    ],
  },
]);
