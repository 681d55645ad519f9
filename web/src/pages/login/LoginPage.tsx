import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { login } from '../../api/endpoints';
import { errorText } from '../../api/errorText';
import { queryKeys, useMe } from '../../api/queries';
import { LanguageSwitcher } from '../../components/LanguageSwitcher';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { ScriptText } from '../../mongol/ScriptText';
import './LoginPage.css';

interface Credentials {
  username: string;
  password: string;
}

/** Where to go after signing in: back to the page that sent the user here, if it was ours. */
function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : '/orgs';
}

export function LoginPage() {
  const { t } = useI18n();
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();

  const signIn = useMutation({
    mutationFn: ({ username, password }: Credentials) => login(username, password),
    onSuccess: ({ user }) => {
      queryClient.setQueryData(queryKeys.me, user);
      void navigate(returnPath(location.state), { replace: true });
    },
  });

  if (me.data) return <Navigate to={returnPath(location.state)} replace />;

  return (
    <div className="login">
      <div className="login__language">
        <LanguageSwitcher />
      </div>
      <main className="login__card">
        <header className="login__header">
          <span className="login__brand">
            <Msg k="app.name" />
          </span>
          <h1 className="login__title">
            <Msg k="login.title" />
          </h1>
        </header>
        <Form<Credentials>
          name="login"
          layout="vertical"
          requiredMark={false}
          disabled={signIn.isPending}
          onFinish={(values) => signIn.mutate(values)}
        >
          <Form.Item
            name="username"
            label={<Msg k="login.username" />}
            rules={[{ required: true, whitespace: true, message: <Msg k="login.usernameRequired" /> }]}
          >
            <Input autoComplete="username" autoFocus aria-label={t('login.username')} />
          </Form.Item>
          <Form.Item
            name="password"
            label={<Msg k="login.password" />}
            rules={[{ required: true, message: <Msg k="login.passwordRequired" /> }]}
          >
            <Input.Password autoComplete="current-password" aria-label={t('login.password')} />
          </Form.Item>
          {signIn.isError && (
            <Alert
              className="login__error"
              type="error"
              showIcon
              role="alert"
              data-testid="login-error"
              title={<ScriptText text={errorText(signIn.error, t)} />}
            />
          )}
          <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
            <Msg k="login.submit" />
          </Button>
        </Form>
      </main>
    </div>
  );
}
