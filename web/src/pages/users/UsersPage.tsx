import { Button, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useMe, useOrgs, useUsers } from '../../api/queries';
import type { Org, User } from '../../api/types';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { isRole, roleKey } from '../../components/org/labels';
import { OrgName } from '../../components/org/OrgName';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { ScriptText } from '../../mongol/ScriptText';
import { CreateUserForm } from './CreateUserForm';
import { GrantRoleDialog } from './GrantRoleDialog';
import './UsersPage.css';

/** Administrators list the users they may see, create users and grant roles on orgs. */
export function UsersPage() {
  const { data: me } = useMe();
  const allowed = me?.permissions.manageUsers === true;
  const users = useUsers(allowed);
  const orgs = useOrgs();
  const [granting, setGranting] = useState<User | null>(null);

  if (!allowed) {
    return (
      <p role="alert">
        <Msg k="users.noPermission" />
      </p>
    );
  }
  if (users.isPending || orgs.isPending) return <Loading />;
  if (users.isError) return <ErrorState error={users.error} onRetry={() => void users.refetch()} />;
  if (orgs.isError) return <ErrorState error={orgs.error} onRetry={() => void orgs.refetch()} />;

  return (
    <div className="users-page">
      <section className="panel">
        <h1 className="page-title">
          <Msg k="users.title" />
        </h1>
        <UsersTable users={users.data} orgs={orgs.data} onGrant={setGranting} />
      </section>
      <section className="panel users-page__create" aria-labelledby="create-user-title">
        <h2 id="create-user-title" className="panel-title">
          <Msg k="users.create" />
        </h2>
        <CreateUserForm orgs={orgs.data} />
      </section>
      {granting && <GrantRoleDialog user={granting} orgs={orgs.data} onClose={() => setGranting(null)} />}
    </div>
  );
}

function UsersTable({ users, orgs, onGrant }: { users: User[]; orgs: Org[]; onGrant: (u: User) => void }) {
  const { lang } = useI18n();
  const orgById = useMemo(() => new Map(orgs.map((o) => [o.id, o])), [orgs]);
  const orgLabel = (id: string | null) => {
    const org = id ? orgById.get(id) : undefined;
    return org ? <OrgName org={org} lang={lang} /> : (id ?? '');
  };

  return (
    <Table<User>
      rowKey="id"
      size="small"
      dataSource={users}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      columns={[
        { key: 'username', title: <Msg k="users.col.username" />, dataIndex: 'username' },
        {
          key: 'displayName',
          title: <Msg k="users.col.displayName" />,
          render: (_, user) => <ScriptText text={user.displayName} />,
        },
        { key: 'org', title: <Msg k="users.col.org" />, render: (_, user) => orgLabel(user.orgId) },
        {
          key: 'roles',
          title: <Msg k="users.col.roles" />,
          render: (_, user) =>
            user.roles.length === 0 ? (
              <span className="muted">
                <Msg k="common.none" />
              </span>
            ) : (
              <ul className="role-list">
                {user.roles.map((grant) => (
                  <li key={`${grant.orgId}:${grant.role}`} data-testid="role-grant">
                    <Tag color="blue">{isRole(grant.role) ? <Msg k={roleKey(grant.role)} /> : grant.role}</Tag>
                    {orgLabel(grant.orgId)}
                  </li>
                ))}
              </ul>
            ),
        },
        {
          key: 'actions',
          title: <Msg k="users.col.actions" />,
          render: (_, user) => (
            <Button size="small" onClick={() => onGrant(user)}>
              <Msg k="users.grantRole" />
            </Button>
          ),
        },
      ]}
    />
  );
}
