import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Drawer, Input, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { errorText } from '../../api/errorText';
import { useMe } from '../../api/queries';
import { canVolunteers, createTeam, getTeam, listTeams, listVolunteers, removeTeamMember, setTeamMember, type Team, type TeamRole } from '../../api/volunteers';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { ScriptText } from '../../mongol/ScriptText';
import { BiNameText, Field, OrgPicker } from '../dissemination/parts';
import './volunteers.css';

/** Expert teams (专家服务团) per org, with members and leaders. */
export function TeamsPage() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const manage = canVolunteers.manage(me);
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const teams = useQuery({ queryKey: ['teams'], queryFn: listTeams });
  const [open, setOpen] = useState<Team | null>(null);
  const [creating, setCreating] = useState(false);
  const [orgId, setOrgId] = useState<string | undefined>();
  const [nameZh, setNameZh] = useState('');
  const [field, setField] = useState('');
  const create = useMutation({
    mutationFn: () => createTeam({ orgId: orgId!, name: { zh: nameZh.trim() }, field: field.trim() || null }),
    onSuccess: () => {
      setCreating(false);
      setNameZh('');
      void queryClient.invalidateQueries({ queryKey: ['teams'] });
      void message.success(t('dis.saved'));
    },
  });
  const columns: ColumnsType<Team> = [
    { key: 'name', title: <Msg k="team.name" />, render: (_, x) => <BiNameText name={x.name} both /> },
    { key: 'org', title: <Msg k="dis.org" />, render: (_, x) => <BiNameText name={x.org.name} /> },
    { key: 'field', title: <Msg k="team.field" />, dataIndex: 'field' },
    { key: 'members', title: <Msg k="team.members" />, render: (_, x) => <span data-testid="team-members">{x.members}</span> },
    { key: 'leaders', title: <Msg k="team.leaders" />, dataIndex: 'leaders' },
    {
      key: 'actions',
      title: <Msg k="dis.actions" />,
      render: (_, x) => (
        <Button size="small" onClick={() => setOpen(x)}>
          <Msg k="team.open" />
        </Button>
      ),
    },
  ];
  return (
    <div className="dis-page" data-testid="teams-page">
      <div className="dis-head">
        <h1 className="page-title">
          <Msg k="team.title" />
        </h1>
        <div className="dis-head__tools">
          {manage && (
            <Button type="primary" onClick={() => setCreating(true)}>
              <Msg k="team.new" />
            </Button>
          )}
        </div>
      </div>
      {teams.isError ? <ErrorState error={teams.error} onRetry={() => void teams.refetch()} /> : <Table<Team> rowKey="id" loading={teams.isPending} columns={columns} dataSource={teams.data ?? []} pagination={false} locale={{ emptyText: <Msg k="team.empty" /> }} />}
      <Modal open={creating} title={<Msg k="team.new" />} onCancel={() => setCreating(false)} okText={t('common.save')} okButtonProps={{ disabled: !orgId || !nameZh.trim(), loading: create.isPending }} onOk={() => create.mutate()}>
        <div className="dis-form">
          {create.isError && <ErrorState error={create.error} />}
          <OrgPicker value={orgId} onChange={setOrgId} allowClear={false} />
          <Field label="team.name">
            <Input value={nameZh} onChange={(e) => setNameZh(e.target.value)} aria-label={t('team.name')} />
          </Field>
          <Field label="team.field">
            <Input value={field} onChange={(e) => setField(e.target.value)} aria-label={t('team.field')} />
          </Field>
        </div>
      </Modal>
      <Drawer open={!!open} onClose={() => setOpen(null)} size="large" title={open && <BiNameText name={open.name} both />}>
        {open && <TeamMembers id={open.id} manage={manage} />}
      </Drawer>
    </div>
  );
}

function TeamMembers({ id, manage }: { id: string; manage: boolean }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const team = useQuery({ queryKey: ['teams', id], queryFn: () => getTeam(id) });
  const candidates = useQuery({ queryKey: ['volunteers', 'approved-picker'], queryFn: () => listVolunteers({ status: 'approved', limit: 500 }), enabled: manage });
  const [volunteerId, setVolunteerId] = useState<string | undefined>();
  const [role, setRole] = useState<TeamRole>('member');
  const done = () => void queryClient.invalidateQueries({ queryKey: ['teams'] });
  const add = useMutation({ mutationFn: () => setTeamMember(id, volunteerId!, role), onSuccess: done, onError: (e) => void message.error(errorText(e, t)) });
  const remove = useMutation({ mutationFn: (v: string) => removeTeamMember(id, v), onSuccess: done, onError: (e) => void message.error(errorText(e, t)) });
  if (team.isError) return <ErrorState error={team.error} />;
  if (!team.data) return <Loading />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {manage && (
        <Card size="small">
          <Space wrap>
            <Select showSearch style={{ width: 220 }} value={volunteerId} onChange={setVolunteerId} optionFilterProp="label" aria-label={t('team.addMember')} options={(candidates.data?.items ?? []).map((v) => ({ value: v.id, label: `${v.name} ${v.phone}` }))} />
            <Radio.Group optionType="button" size="small" value={role} onChange={(e) => setRole(e.target.value as TeamRole)}>
              <Radio.Button value="member">
                <Msg k="team.role.member" />
              </Radio.Button>
              <Radio.Button value="leader">
                <Msg k="team.role.leader" />
              </Radio.Button>
            </Radio.Group>
            <Button disabled={!volunteerId} loading={add.isPending} onClick={() => add.mutate()}>
              <Msg k="team.addMember" />
            </Button>
          </Space>
        </Card>
      )}
      {team.data.memberList.map((m) => (
        <div key={m.id} className="vol-activity">
          <span>
            <ScriptText text={m.name} /> <Tag color={m.teamRole === 'leader' ? 'blue' : 'default'}>
              <Msg k={`team.role.${m.teamRole}`} />
            </Tag>
            {m.phone} · <BiNameText name={m.org.name} />
          </span>
          {manage && (
            <Button size="small" type="link" danger onClick={() => remove.mutate(m.id)} style={{ alignSelf: 'flex-start' }}>
              <Msg k="team.remove" />
            </Button>
          )}
        </div>
      ))}
    </Space>
  );
}
