import { createBrowserRouter, Navigate } from 'react-router';
import { NewResourcePage } from '../pages/content/NewResourcePage';
import { ResourceEditorPage } from '../pages/content/ResourceEditorPage';
import { ResourceListPage } from '../pages/content/ResourceListPage';
import { LoginPage } from '../pages/login/LoginPage';
import { OrgTreePage } from '../pages/orgs/OrgTreePage';
import { UsersPage } from '../pages/users/UsersPage';
import { RequireAuth } from './RequireAuth';
import { WorkspaceLayout } from './WorkspaceLayout';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <WorkspaceLayout />,
        children: [
          { index: true, element: <Navigate to="/orgs" replace /> },
          { path: 'orgs', element: <OrgTreePage /> },
          { path: 'users', element: <UsersPage /> },
          { path: 'content', element: <ResourceListPage /> },
          { path: 'content/new', element: <NewResourcePage /> },
          { path: 'content/:id', element: <ResourceEditorPage /> },
          { path: '*', element: <Navigate to="/orgs" replace /> },
        ],
      },
    ],
  },
]);
