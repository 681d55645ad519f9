import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Modal, Radio } from 'antd';
import { useState } from 'react';
import { grantRole } from '../../api/endpoints';
import { errorText } from '../../api/errorText';
import { queryKeys } from '../../api/queries';
import { ROLES, type Org, type Role, type User } from '../../api/types';
import { roleKey } from '../../components/org/labels';
import { OrgTree } from '../../components/org/OrgTree';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { ScriptText } from '../../mongol/ScriptText';

/** Grant `user` a role on an org picked from the tree. */
export function GrantRoleDialog({ user, orgs, onClose }: { user: User; orgs: Org[]; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [role, setRole] = useState<Role | null>(null);
  const [orgId, setOrgId] = useState<string | null>(null);
  const [tried, setTried] = useState(false);

  const grant = useMutation({
    mutationFn: (args: { role: Role; orgId: string }) => grantRole(user.id, args),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.users });
      void message.success(t('users.roleGranted'));
      onClose();
    },
  });

  const submit = () => {
    setTried(true);
    if (role && orgId) grant.mutate({ role, orgId });
  };

  return (
    <Modal
      open
      title={<Msg k="users.grantRoleTo" vars={{ username: user.username }} />}
      okText={<Msg k="users.grantRole" />}
      cancelText={<Msg k="common.cancel" />}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={grant.isPending}
      width={720}
      destroyOnHidden
    >
      <div className="field-label">
        <Msg k="users.field.role" />
      </div>
      <Radio.Group
        className="role-choice"
        aria-label={t('users.field.role')}
        optionType="button"
        buttonStyle="solid"
        value={role ?? undefined}
        onChange={(e) => setRole(e.target.value as Role)}
        options={ROLES.map((r) => ({ value: r, label: <Msg k={roleKey(r)} /> }))}
      />
      {tried && !role && (
        <div className="field-error">
          <Msg k="users.roleRequired" />
        </div>
      )}
      <div className="field-label">
        <Msg k="users.pickOrg" />
      </div>
      <div className="org-picker">
        <OrgTree orgs={orgs} selectedId={orgId} label={t('users.field.org')} onSelect={(org) => setOrgId(org.id)} />
      </div>
      {tried && !orgId && (
        <div className="field-error">
          <Msg k="users.orgRequired" />
        </div>
      )}
      {grant.isError && (
        <Alert
          className="form-error"
          type="error"
          showIcon
          role="alert"
          title={<ScriptText text={errorText(grant.error, t)} />}
        />
      )}
    </Modal>
  );
}
