import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Checkbox, Drawer, Input, Modal, Radio, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { certificateUrl } from '../../api/activities';
import { errorText } from '../../api/errorText';
import { useMe } from '../../api/queries';
import {
  canVolunteers,
  consentTexts,
  createVolunteer,
  decideVolunteer,
  importVolunteers,
  listVolunteers,
  VOLUNTEER_LANGUAGES,
  VOLUNTEER_STATUSES,
  VOLUNTEER_TEMPLATE_URL,
  volunteerExportUrl,
  volunteerPersonal,
  type Gender,
  type Registration,
  type Volunteer,
  type VolunteerLanguage,
  type VolunteerStatus,
} from '../../api/volunteers';
import { ErrorState } from '../../components/ErrorState';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { ScriptText } from '../../mongol/ScriptText';
import { BiNameText, ButtonFilter, Field, ImportDialog, OrgPicker } from '../dissemination/parts';
import { ConsentBox, ConsentList } from './MyVolunteerPage';
import { download } from './MyHoursPage';
import { splitWords, STATUS_COLOR } from './parts';
import './volunteers.css';

const PAGE_SIZE = 20;
const pick = <T extends string>(v: string | null, all: readonly T[]) => (all.includes(v as T) ? (v as T) : undefined);

/** Volunteers in the user's scope: approval, masked personal data (the full view on request, audited), consents, import and export. */
export function VolunteersPage() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const manage = canVolunteers.manage(me);
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const filter = { status: pick<VolunteerStatus>(params.get('status'), VOLUNTEER_STATUSES), language: pick<VolunteerLanguage>(params.get('language'), VOLUNTEER_LANGUAGES), orgId: params.get('org') || undefined, q: params.get('q') || undefined };
  const volunteers = useQuery({ queryKey: ['volunteers', 'list', filter, page], queryFn: () => listVolunteers({ ...filter, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }) });
  const [personal, setPersonal] = useState<Record<string, { phone: string; idNumber: string | null; healthNote: string | null }>>({});
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [consentsOf, setConsentsOf] = useState<Volunteer | null>(null);
  const [text, setText] = useState(filter.q ?? '');
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('page');
    setParams(next);
  };
  const decide = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'approve' | 'reject' }) => decideVolunteer(id, action),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['volunteers'] });
      void message.success(t('dis.saved'));
    },
    onError: (e) => void message.error(errorText(e, t)),
  });
  const reveal = useMutation({
    mutationFn: volunteerPersonal,
    onSuccess: (p) => setPersonal((x) => ({ ...x, [p.id]: p })),
    onError: (e) => void message.error(errorText(e, t)),
  });
  const certificate = useMutation({ mutationFn: (id: string) => download(certificateUrl(id), 'certificate.pdf'), onError: (e) => void message.error(errorText(e, t)) });

  const columns: ColumnsType<Volunteer> = [
    { key: 'name', title: <Msg k="vol.name" />, render: (_, v) => <ScriptText text={v.name} testId="volunteer-name" /> },
    { key: 'org', title: <Msg k="dis.org" />, render: (_, v) => <BiNameText name={v.org.name} /> },
    {
      key: 'phone',
      title: <Msg k="vol.phone" />,
      render: (_, v) => (
        <Space size={4} orientation="vertical">
          <span data-testid="volunteer-phone">{personal[v.id]?.phone ?? v.phone}</span>
          {(personal[v.id] ? personal[v.id]!.idNumber : v.idNumber) && <span data-testid="volunteer-id">{personal[v.id]?.idNumber ?? v.idNumber}</span>}
          {personal[v.id]?.healthNote && <ScriptText text={personal[v.id]!.healthNote!} />}
          {v.canSeePersonal && !personal[v.id] && (
            <Button size="small" type="link" onClick={() => reveal.mutate(v.id)} data-testid="volunteer-reveal">
              <Msg k="vol.reveal" />
            </Button>
          )}
        </Space>
      ),
    },
    {
      key: 'langs',
      title: <Msg k="vol.languages" />,
      render: (_, v) =>
        v.languages.map((l) => (
          <Tag key={l}>
            <Msg k={`vol.lang.${l}`} />
          </Tag>
        )),
    },
    { key: 'skills', title: <Msg k="vol.skills" />, render: (_, v) => [...v.skills, ...v.fields].join('、') },
    {
      key: 'status',
      title: <Msg k="vol.status" />,
      render: (_, v) => (
        <Tag color={STATUS_COLOR[v.status]} data-testid="volunteer-status">
          <Msg k={`vol.status.${v.status}`} />
        </Tag>
      ),
    },
    {
      key: 'actions',
      title: <Msg k="dis.actions" />,
      render: (_, v) => (
        <Space size={4} wrap>
          {manage && v.status !== 'approved' && v.status !== 'withdrawn' && (
            <Button size="small" type="primary" onClick={() => decide.mutate({ id: v.id, action: 'approve' })} data-testid="volunteer-approve">
              <Msg k="vol.approve" />
            </Button>
          )}
          {manage && v.status === 'pending' && (
            <Button size="small" danger onClick={() => decide.mutate({ id: v.id, action: 'reject' })} data-testid="volunteer-reject">
              <Msg k="vol.reject" />
            </Button>
          )}
          <Button size="small" onClick={() => setConsentsOf(v)} data-testid="volunteer-consents">
            <Msg k="vol.consents" />
          </Button>
          <Button size="small" onClick={() => certificate.mutate(v.id)}>
            <Msg k="hours.certificate" />
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <div className="dis-page" data-testid="volunteers-page">
      <div className="dis-head">
        <h1 className="page-title">
          <Msg k="vol.title" />
        </h1>
        <div className="dis-head__tools">
          {manage && (
            <>
              <Button type="primary" onClick={() => setCreating(true)} data-testid="volunteer-new">
                <Msg k="vol.new" />
              </Button>
              <Button onClick={() => setImporting(true)} data-testid="volunteer-import">
                <Msg k="vol.import" />
              </Button>
              <Button href={VOLUNTEER_TEMPLATE_URL}>
                <Msg k="dis.import.template" />
              </Button>
            </>
          )}
          <Button href={volunteerExportUrl('xlsx', filter)} data-testid="volunteer-export-xlsx">
            <Msg k="dis.export" vars={{ format: 'Excel' }} />
          </Button>
          <Button href={volunteerExportUrl('csv', filter)}>
            <Msg k="dis.export" vars={{ format: 'CSV' }} />
          </Button>
          <Link to="/volunteer-teams">
            <Button>
              <Msg k="team.title" />
            </Button>
          </Link>
        </div>
      </div>
      <div className="dis-filters">
        <ButtonFilter label="vol.status" values={VOLUNTEER_STATUSES} value={filter.status} onChange={(v) => set('status', v)} itemLabel={(v) => `vol.status.${v}`} testId="filter-status" />
        <ButtonFilter label="vol.languages" values={VOLUNTEER_LANGUAGES} value={filter.language} onChange={(v) => set('language', v)} itemLabel={(v) => `vol.lang.${v}`} testId="filter-language" />
        <OrgPicker value={filter.orgId} onChange={(id) => set('org', id)} />
        <Field label="dis.search">
          <Input.Search size="small" allowClear value={text} style={{ width: 200 }} aria-label={t('dis.search')} onChange={(e) => setText(e.target.value)} onSearch={(v) => set('q', v.trim() || undefined)} data-testid="filter-q" />
        </Field>
      </div>
      <p className="vol-activity__meta">
        <Msg k="vol.maskHint" />
      </p>
      {volunteers.isError ? (
        <ErrorState error={volunteers.error} onRetry={() => void volunteers.refetch()} />
      ) : (
        <Table<Volunteer>
          rowKey="id"
          size="middle"
          loading={volunteers.isPending}
          columns={columns}
          dataSource={volunteers.data?.items ?? []}
          data-testid="volunteers-table"
          locale={{ emptyText: <Msg k="vol.empty" /> }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: volunteers.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (n) => <Msg k="dis.total" vars={{ n }} />,
            onChange: (p) => {
              const next = new URLSearchParams(params);
              next.set('page', String(p));
              setParams(next);
            },
          }}
        />
      )}
      {creating && (
        <VolunteerForm
          onClose={() => setCreating(false)}
          onSaved={() => {
            setCreating(false);
            void queryClient.invalidateQueries({ queryKey: ['volunteers'] });
            void message.success(t('dis.saved'));
          }}
        />
      )}
      <ImportDialog
        open={importing}
        onClose={() => setImporting(false)}
        title="vol.importTitle"
        run={importVolunteers}
        templateUrl={VOLUNTEER_TEMPLATE_URL}
        onImported={(n) => {
          void queryClient.invalidateQueries({ queryKey: ['volunteers'] });
          void message.success(t('dis.import.done', { n }));
        }}
      />
      <Drawer open={!!consentsOf} onClose={() => setConsentsOf(null)} title={consentsOf && <ScriptText text={consentsOf.name} />}>
        {consentsOf && <ConsentList volunteerId={consentsOf.id} />}
      </Drawer>
    </div>
  );
}

/** An organiser adds a volunteer from a paper form: the separate consents are ticked as signed on paper. */
function VolunteerForm({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const texts = useQuery({ queryKey: ['volunteers', 'consent-texts'], queryFn: consentTexts, staleTime: 3_600_000 });
  const [orgId, setOrgId] = useState<string | undefined>();
  const [name, setName] = useState('');
  const [gender, setGender] = useState<Gender | null>(null);
  const [phone, setPhone] = useState('');
  const [languages, setLanguages] = useState<VolunteerLanguage[]>(['zh']);
  const [skills, setSkills] = useState('');
  const [idConsent, setIdConsent] = useState(false);
  const [idNumber, setIdNumber] = useState('');
  const [under14, setUnder14] = useState(false);
  const [minorConsent, setMinorConsent] = useState(false);
  const [guardian, setGuardian] = useState('');
  const text = (p: string) => texts.data?.find((x) => x.purpose === p);
  const save = useMutation({
    mutationFn: () => {
      const consents: NonNullable<Registration['consents']> = [];
      if (idConsent && idNumber.trim()) consents.push({ purpose: 'id_number', textVersion: text('id_number')!.version, ...(under14 ? { givenBy: guardian.trim() } : {}) });
      if (under14 && minorConsent) consents.push({ purpose: 'minor', textVersion: text('minor')!.version, givenBy: guardian.trim() });
      return createVolunteer({ orgId: orgId!, name: name.trim(), gender, phone: phone.trim(), languages, skills: splitWords(skills), idNumber: idConsent && idNumber.trim() ? idNumber.trim() : null, under14, consents });
    },
    onSuccess: onSaved,
  });
  const valid = orgId && name.trim() && phone.trim() && languages.length && texts.data && (!under14 || (minorConsent && guardian.trim()));
  return (
    <Modal open title={<Msg k="vol.new" />} onCancel={onClose} okText={t('common.save')} okButtonProps={{ disabled: !valid, loading: save.isPending, ...{ 'data-testid': 'volunteer-save' } }} onOk={() => save.mutate()} width={640}>
      <div className="dis-form vol-form">
        {save.isError && <ErrorState error={save.error} />}
        <OrgPicker value={orgId} onChange={setOrgId} allowClear={false} testId="volunteer-form-org" />
        <Field label="vol.name">
          <Input value={name} onChange={(e) => setName(e.target.value)} aria-label={t('vol.name')} />
        </Field>
        <Field label="vol.gender">
          <Radio.Group optionType="button" size="small" value={gender} onChange={(e) => setGender(e.target.value as Gender)}>
            <Radio.Button value="male">
              <Msg k="vol.gender.male" />
            </Radio.Button>
            <Radio.Button value="female">
              <Msg k="vol.gender.female" />
            </Radio.Button>
          </Radio.Group>
        </Field>
        <Field label="vol.phone">
          <Input value={phone} inputMode="tel" onChange={(e) => setPhone(e.target.value)} aria-label={t('vol.phone')} />
        </Field>
        <Field label="vol.languages">
          <Checkbox.Group value={languages} onChange={(v) => setLanguages(v as VolunteerLanguage[])}>
            <Checkbox value="mn">
              <Msg k="vol.lang.mn" />
            </Checkbox>
            <Checkbox value="zh">
              <Msg k="vol.lang.zh" />
            </Checkbox>
          </Checkbox.Group>
        </Field>
        <Field label="vol.skills">
          <Input value={skills} onChange={(e) => setSkills(e.target.value)} aria-label={t('vol.skills')} />
        </Field>
        <ConsentBox text={text('id_number')} checked={idConsent} onChange={setIdConsent} testId="form-consent-id">
          <Field label="vol.idNumber">
            <Input value={idNumber} maxLength={18} onChange={(e) => setIdNumber(e.target.value)} aria-label={t('vol.idNumber')} />
          </Field>
        </ConsentBox>
        <Checkbox checked={under14} onChange={(e) => setUnder14(e.target.checked)}>
          <Msg k="vol.under14" />
        </Checkbox>
        {under14 && (
          <ConsentBox text={text('minor')} checked={minorConsent} onChange={setMinorConsent} testId="form-consent-minor">
            <Field label="vol.guardian">
              <Input value={guardian} onChange={(e) => setGuardian(e.target.value)} aria-label={t('vol.guardian')} />
            </Field>
          </ConsentBox>
        )}
      </div>
    </Modal>
  );
}
