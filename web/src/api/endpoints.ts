import { api } from './client';
import type { Me, NewUser, Org, RoleGrant, User } from './types';

export const login = (username: string, password: string) =>
  api<{ user: Me }>('/api/auth/login', { method: 'POST', body: { username, password } });

export const logout = () => api<void>('/api/auth/logout', { method: 'POST' });

export const fetchMe = () => api<Me>('/api/auth/me');

export const fetchOrgs = () => api<Org[]>('/api/orgs');

export const fetchUsers = () => api<User[]>('/api/users');

export const createUser = (user: NewUser) => api<User>('/api/users', { method: 'POST', body: user });

export const grantRole = (userId: string, grant: RoleGrant) =>
  api<{ userId: string } & RoleGrant>(`/api/users/${encodeURIComponent(userId)}/roles`, {
    method: 'POST',
    body: grant,
  });
