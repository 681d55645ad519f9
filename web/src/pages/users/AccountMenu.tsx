import { Button, Dropdown } from 'antd';
import { useState } from 'react';
import type { Me } from '../../api/types';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { ScriptText } from '../../mongol/ScriptText';
import { ChangePasswordDialog } from './ChangePasswordDialog';

/** The signed-in user's name in the header, opening their account menu (change password). */
export function AccountMenu({ me }: { me: Me }) {
  const { t } = useI18n();
  const [changing, setChanging] = useState(false);
  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [{ key: 'password', label: <Msg k="account.changePassword" />, title: t('account.changePassword') }],
          onClick: ({ key }) => key === 'password' && setChanging(true),
        }}
      >
        <Button type="text" className="workspace__user" data-testid="current-user">
          <ScriptText text={me.displayName || me.username} />
        </Button>
      </Dropdown>
      {changing && <ChangePasswordDialog onClose={() => setChanging(false)} />}
    </>
  );
}
