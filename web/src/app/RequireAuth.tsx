import { Navigate, Outlet, useLocation } from 'react-router';
import { useMe } from '../api/queries';
import { ErrorState } from '../components/ErrorState';
import { Loading } from '../components/Loading';

/** The workspace is for signed-in users; anyone else goes to the login page and comes back after. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  return <Outlet />;
}
