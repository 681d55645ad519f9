import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { createUser } from '../../api/endpoints';
import { errorText } from '../../api/errorText';
import { queryKeys } from '../../api/queries';
import type { NewUser, Org } from '../../api/types';
import { OrgTree } from '../../components/org/OrgTree';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { ScriptText } from '../../mongol/ScriptText';

interface Values {
  username: string;
  password: string;
  displayName?: string;
}

export function CreateUserForm({ orgs }: { orgs: Org[] }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [orgId, setOrgId] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: (user: NewUser) => createUser(user),
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.users });
      void message.success(t('users.created', { username: user.username }));
      form.resetFields();
      setOrgId(null);
    },
  });

  const submit = ({ username, password, displayName }: Values) =>
    create.mutate({
      username: username.trim(),
      password,
      ...(displayName?.trim() ? { displayName: displayName.trim() } : {}),
      ...(orgId ? { orgId } : {}),
    });

  return (
    <Form<Values> name="create-user" form={form} layout="vertical" requiredMark={false} onFinish={submit} disabled={create.isPending}>
      <Form.Item
        name="username"
        label={<Msg k="users.field.username" />}
        rules={[{ required: true, whitespace: true, message: <Msg k="users.usernameRequired" /> }]}
      >
        <Input autoComplete="off" aria-label={t('users.field.username')} />
      </Form.Item>
      <Form.Item
        name="password"
        label={<Msg k="users.field.password" />}
        rules={[{ required: true, message: <Msg k="users.passwordRequired" /> }]}
      >
        <Input.Password autoComplete="new-password" aria-label={t('users.field.password')} />
      </Form.Item>
      <Form.Item name="displayName" label={<Msg k="users.field.displayName" />}>
        <Input autoComplete="off" aria-label={t('users.field.displayName')} />
      </Form.Item>
      <div className="field-label">
        <Msg k="users.field.org" />
      </div>
      <div className="org-picker">
        <OrgTree orgs={orgs} selectedId={orgId} label={t('users.field.org')} onSelect={(org) => setOrgId(org.id)} />
      </div>
      {create.isError && (
        <Alert
          className="form-error"
          type="error"
          showIcon
          role="alert"
          title={<ScriptText text={errorText(create.error, t)} />}
        />
      )}
      <Button type="primary" htmlType="submit" loading={create.isPending}>
        <Msg k="users.create" />
      </Button>
    </Form>
  );
}
