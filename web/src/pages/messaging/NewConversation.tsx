import { App as AntApp, Input, Modal, Select, Tabs } from 'antd';
import { useState } from 'react';
import { createGroup, openDirect, useContacts, type Conversation } from '../../api/messaging';
import { errorText } from '../../api/errorText';
import { useOrgs } from '../../api/queries';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';

/** Start a direct conversation with someone, or a topic group in an org of one's scope. */
export function NewConversation({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (c: Conversation) => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [tab, setTab] = useState<'direct' | 'group'>('direct');
  const [q, setQ] = useState('');
  const contacts = useContacts(q);
  const orgs = useOrgs();
  const [peer, setPeer] = useState<string>();
  const [title, setTitle] = useState('');
  const [orgId, setOrgId] = useState<string>();
  const [members, setMembers] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const people = (contacts.data ?? []).map((c) => ({ value: c.id, label: `${c.name} · ${c.org.zh}` }));
  const ok = async () => {
    setBusy(true);
    try {
      if (tab === 'direct') {
        if (peer) onCreated(await openDirect(peer));
      } else if (orgId && title.trim()) {
        onCreated(await createGroup({ orgId, title: title.trim(), memberIds: members }));
      }
    } catch (e) {
      void message.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} onCancel={onClose} onOk={() => void ok()} confirmLoading={busy} title={t('chat.new')} destroyOnHidden>
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as 'direct' | 'group')}
        items={[
          {
            key: 'direct',
            label: <Msg k="chat.kind.direct" />,
            children: (
              <Select
                showSearch
                filterOption={false}
                onSearch={setQ}
                value={peer}
                onChange={setPeer}
                options={people}
                placeholder={t('chat.person')}
                style={{ width: '100%' }}
                data-testid="chat-new-person"
              />
            ),
          },
          {
            key: 'group',
            label: <Msg k="chat.kind.group" />,
            children: (
              <div className="chat-new-group">
                <Input value={title} onChange={(e) => setTitle(e.target.value)} placeholder={t('chat.groupTitle')} data-testid="chat-new-title" />
                <Select
                  value={orgId}
                  onChange={setOrgId}
                  options={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name.zh }))}
                  placeholder={t('chat.groupOrg')}
                  style={{ width: '100%' }}
                  showSearch
                  optionFilterProp="label"
                />
                <Select
                  mode="multiple"
                  showSearch
                  filterOption={false}
                  onSearch={setQ}
                  value={members}
                  onChange={setMembers}
                  options={people}
                  placeholder={t('chat.groupMembers')}
                  style={{ width: '100%' }}
                />
              </div>
            ),
          },
        ]}
      />
    </Modal>
  );
}
