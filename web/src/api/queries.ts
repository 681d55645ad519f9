import { useQuery } from '@tanstack/react-query';
import { ApiError } from './client';
import { fetchMe, fetchOrgs, fetchUsers } from './endpoints';
import type { Me } from './types';

export const queryKeys = {
  me: ['me'] as const,
  orgs: ['orgs'] as const,
  users: ['users'] as const,
};

/** The signed-in user, or null when there is no session (401 is an answer here, not an error). */
export function useMe() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: async (): Promise<Me | null> => {
      try {
        return await fetchMe();
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export function useOrgs() {
  return useQuery({ queryKey: queryKeys.orgs, queryFn: fetchOrgs, staleTime: 60_000 });
}

export function useUsers(enabled = true) {
  return useQuery({ queryKey: queryKeys.users, queryFn: fetchUsers, enabled });
}
