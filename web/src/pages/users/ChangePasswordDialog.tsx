import { useMutation } from '@tanstack/react-query';
import { Alert, App as AntApp, Form, Input, Modal } from 'antd';
import { api } from '../../api/client';
import { errorText } from '../../api/errorText';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { ScriptText } from '../../mongol/ScriptText';

// The server's rules (kernel/auth/password-policy.ts), checked here too so a typo is caught at once;
// the server decides (common passwords, the current password).
const MIN = 12;
const MAX = 128;

interface Values {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

const changePassword = (body: { currentPassword: string; newPassword: string }) =>
  api<void>('/api/auth/password', { method: 'POST', body });

/** The signed-in user changes their own password; their other sessions end, this one stays. */
export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();

  const change = useMutation({
    mutationFn: changePassword,
    onSuccess: () => {
      void message.success(t('account.passwordChanged'));
      onClose();
    },
  });

  const submit = ({ currentPassword, newPassword }: Values) => change.mutate({ currentPassword, newPassword });
  // Characters, not UTF-16 units, as the server counts them.
  const length = (s: string) => [...s].length;

  return (
    <Modal
      open
      title={<Msg k="account.changePassword" />}
      okText={<Msg k="common.save" />}
      cancelText={<Msg k="common.cancel" />}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={change.isPending}
      destroyOnHidden
    >
      <Form<Values> name="change-password" form={form} layout="vertical" requiredMark={false} onFinish={submit} disabled={change.isPending}>
        <Form.Item
          name="currentPassword"
          label={<Msg k="account.currentPassword" />}
          rules={[{ required: true, message: <Msg k="account.currentRequired" /> }]}
        >
          <Input.Password autoComplete="current-password" aria-label={t('account.currentPassword')} />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={<Msg k="account.newPassword" />}
          rules={[
            {
              // The rule's message (vertical in Mongolian) replaces the validator's error text.
              message: <Msg k="account.passwordHint" />,
              validator: (_, value: string | undefined) =>
                value && length(value) >= MIN && length(value) <= MAX ? Promise.resolve() : Promise.reject(new Error('length')),
            },
          ]}
        >
          <Input.Password autoComplete="new-password" aria-label={t('account.newPassword')} />
        </Form.Item>
        <Form.Item
          name="repeat"
          label={<Msg k="account.repeatPassword" />}
          dependencies={['newPassword']}
          rules={[
            ({ getFieldValue }) => ({
              message: <Msg k="account.repeatMismatch" />,
              validator: (_, value: string | undefined) =>
                value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('mismatch')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" aria-label={t('account.repeatPassword')} />
        </Form.Item>
        {/* Enter in a field submits, like the OK button. */}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
      {change.isError && (
        <Alert className="form-error" type="error" showIcon role="alert" title={<ScriptText text={errorText(change.error, t)} />} />
      )}
    </Modal>
  );
}
