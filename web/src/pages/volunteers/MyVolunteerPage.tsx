import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Checkbox, Input, Radio, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { errorText } from '../../api/errorText';
import { useMe } from '../../api/queries';
import {
  consentTexts,
  joinableOrgs,
  myVolunteer,
  registerVolunteer,
  volunteerConsents,
  withdrawConsent,
  type ConsentText,
  type Gender,
  type Registration,
  type Volunteer,
  type VolunteerLanguage,
} from '../../api/volunteers';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { ScriptText } from '../../mongol/ScriptText';
import { formatTime } from '../content/parts';
import { BiNameText, Field } from '../dissemination/parts';
import { splitWords, STATUS_COLOR } from './parts';
import './volunteers.css';

/** The signed-in user's volunteer page (phone-sized): register with separate consents, or see the record, consents and links. */
export function MyVolunteerPage() {
  const me = useQuery({
    queryKey: ['volunteers', 'me'],
    queryFn: async () => {
      try {
        return await myVolunteer();
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
  });
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  return (
    <div className="vol-phone" data-testid="my-volunteer-page">
      <h1 className="page-title">
        <Msg k="vol.my.title" />
      </h1>
      {me.data ? <MyRecord v={me.data} /> : <RegisterForm />}
    </div>
  );
}

function MyRecord({ v }: { v: Volunteer }) {
  const { lang } = useI18n();
  return (
    <>
      <Card>
        <dl className="vol-kv" data-testid="my-volunteer" data-status={v.status}>
          <dt>
            <Msg k="vol.status" />
          </dt>
          <dd>
            <Tag color={STATUS_COLOR[v.status]} data-testid="my-volunteer-status">
              <Msg k={`vol.status.${v.status}`} />
            </Tag>
          </dd>
          <dt>
            <Msg k="vol.name" />
          </dt>
          <dd>
            <ScriptText text={v.name} />
          </dd>
          <dt>
            <Msg k="dis.org" />
          </dt>
          <dd>
            <BiNameText name={v.org.name} />
          </dd>
          <dt>
            <Msg k="vol.phone" />
          </dt>
          <dd>{v.phone}</dd>
          <dt>
            <Msg k="vol.idNumber" />
          </dt>
          <dd>{v.idNumber ?? <Msg k="common.none" />}</dd>
          <dt>
            <Msg k="vol.languages" />
          </dt>
          <dd>
            {v.languages.map((l) => (
              <Tag key={l}>
                <Msg k={`vol.lang.${l}`} />
              </Tag>
            ))}
          </dd>
          {v.skills.length > 0 && (
            <>
              <dt>
                <Msg k="vol.skills" />
              </dt>
              <dd>{v.skills.join('、')}</dd>
            </>
          )}
          <dt>
            <Msg k="vol.registeredAt" />
          </dt>
          <dd>{formatTime(v.createdAt, lang)}</dd>
        </dl>
        {v.status === 'pending' && <Alert type="info" showIcon style={{ marginTop: 10 }} title={<Msg k="vol.my.pendingHint" />} />}
        {v.status === 'rejected' && v.reason && <Alert type="warning" showIcon style={{ marginTop: 10 }} title={<ScriptText text={v.reason} />} />}
      </Card>
      <div className="vol-links">
        <Link to="/me/activities">
          <Button type="primary" size="large" data-testid="goto-my-activities">
            <Msg k="vol.my.activities" />
          </Button>
        </Link>
        <Link to="/me/hours">
          <Button size="large" data-testid="goto-my-hours">
            <Msg k="vol.my.hours" />
          </Button>
        </Link>
      </div>
      <Card title={<Msg k="vol.consents" />}>
        <ConsentList volunteerId={v.id} />
      </Card>
    </>
  );
}

/** Consent records of a volunteer, each withdrawable while in force (what it covered is erased at once). */
export function ConsentList({ volunteerId }: { volunteerId: string }) {
  const { lang, t } = useI18n();
  const { message, modal } = AntApp.useApp();
  const queryClient = useQueryClient();
  const consents = useQuery({ queryKey: ['volunteers', volunteerId, 'consents'], queryFn: () => volunteerConsents(volunteerId) });
  const withdraw = useMutation({
    mutationFn: (id: string) => withdrawConsent(volunteerId, id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['volunteers'] });
      void message.success(t('vol.consent.withdrawn'));
    },
    onError: (e) => void message.error(errorText(e, t)),
  });
  if (consents.isError) return <ErrorState error={consents.error} onRetry={() => void consents.refetch()} />;
  if (!consents.data) return <Loading />;
  if (consents.data.length === 0) return <Msg k="vol.consent.none" />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="consent-list">
      {consents.data.map((c) => (
        <div key={c.id} className="vol-consent" data-testid="consent" data-purpose={c.purpose} data-withdrawn={c.withdrawnAt ? 'true' : 'false'}>
          <b>
            <Msg k={`vol.consent.${c.purpose}`} />
          </b>{' '}
          <Tag color={c.withdrawnAt ? 'default' : 'green'}>
            <Msg k={c.withdrawnAt ? 'vol.consent.stateWithdrawn' : 'vol.consent.stateActive'} />
          </Tag>
          <div>
            <Msg k="vol.consent.record" vars={{ by: c.givenBy, version: c.textVersion, at: formatTime(c.givenAt, lang), channel: t(`vol.channel.${c.channel}`) }} />
          </div>
          {c.withdrawnAt && (
            <div>
              <Msg k="vol.consent.withdrawRecord" vars={{ at: formatTime(c.withdrawnAt, lang), channel: c.withdrawChannel ? t(`vol.channel.${c.withdrawChannel}`) : '' }} />
            </div>
          )}
          {!c.withdrawnAt && (
            <Button
              size="small"
              danger
              style={{ marginTop: 6 }}
              data-testid="consent-withdraw"
              loading={withdraw.isPending && withdraw.variables === c.id}
              onClick={() => void modal.confirm({ title: t('vol.consent.withdrawConfirm'), okText: t('common.ok'), cancelText: t('common.cancel'), onOk: () => withdraw.mutateAsync(c.id) })}
            >
              <Msg k="vol.consent.withdraw" />
            </Button>
          )}
        </div>
      ))}
    </Space>
  );
}

/** One separate consent: its text (as the server versions it) and an explicit tick. */
export function ConsentBox({ text, checked, onChange, testId, children }: { text?: ConsentText; checked: boolean; onChange: (v: boolean) => void; testId: string; children?: React.ReactNode }) {
  const { lang } = useI18n();
  return (
    <div className="vol-consent">
      <Checkbox checked={checked} onChange={(e) => onChange(e.target.checked)} data-testid={testId}>
        <Msg k={`vol.consent.agree.${text?.purpose ?? 'id_number'}`} />
      </Checkbox>
      {text && (
        <div className="vol-consent__text" lang={lang === 'en' ? 'en' : 'zh-Hans'}>
          {lang === 'en' ? text.en : text.zh} <span style={{ color: '#98a2b3' }}>({text.version})</span>
        </div>
      )}
      {checked && children}
    </div>
  );
}

function RegisterForm() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const orgs = useQuery({ queryKey: ['volunteers', 'joinable-orgs'], queryFn: joinableOrgs });
  const texts = useQuery({ queryKey: ['volunteers', 'consent-texts'], queryFn: consentTexts, staleTime: 3_600_000 });
  const [orgId, setOrgId] = useState<string | undefined>(me?.orgId);
  const [name, setName] = useState(me?.displayName ?? '');
  const [gender, setGender] = useState<Gender | null>(null);
  const [phone, setPhone] = useState('');
  const [languages, setLanguages] = useState<VolunteerLanguage[]>(['zh']);
  const [skills, setSkills] = useState('');
  const [idConsent, setIdConsent] = useState(false);
  const [idNumber, setIdNumber] = useState('');
  const [under14, setUnder14] = useState(false);
  const [guardian, setGuardian] = useState('');
  const [minorConsent, setMinorConsent] = useState(false);
  const text = (p: string) => texts.data?.find((x) => x.purpose === p);

  const register = useMutation({
    mutationFn: () => {
      const consents: NonNullable<Registration['consents']> = [];
      if (idConsent && idNumber.trim()) consents.push({ purpose: 'id_number', textVersion: text('id_number')!.version, ...(under14 ? { givenBy: guardian.trim() } : {}) });
      if (under14) consents.push({ purpose: 'minor', textVersion: text('minor')!.version, givenBy: guardian.trim() });
      return registerVolunteer({
        orgId: orgId!,
        name: name.trim(),
        gender,
        phone: phone.trim(),
        languages,
        skills: splitWords(skills),
        // Without its consent the ID number is never sent.
        idNumber: idConsent && idNumber.trim() ? idNumber.trim() : null,
        under14,
        consents,
      });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['volunteers'] });
      void message.success(t('vol.my.registered'));
    },
  });
  const valid = orgId && name.trim() && phone.trim() && languages.length > 0 && texts.data && (!under14 || (minorConsent && guardian.trim()));

  return (
    <Card title={<Msg k="vol.my.register" />}>
      <div className="vol-form" data-testid="volunteer-register">
        {register.isError && <ErrorState error={register.error} />}
        <Field label="dis.org">
          <Select
            showSearch
            style={{ width: '100%' }}
            value={orgId}
            onChange={setOrgId}
            loading={orgs.isPending}
            optionFilterProp="label"
            aria-label={t('dis.org')}
            data-testid="register-org"
            options={(orgs.data ?? []).map((o) => ({ value: o.id, label: `${o.name.zh} ${o.code}` }))}
          />
        </Field>
        <Field label="vol.name">
          <Input value={name} onChange={(e) => setName(e.target.value)} aria-label={t('vol.name')} data-testid="register-name" />
        </Field>
        <Field label="vol.gender">
          <Radio.Group optionType="button" value={gender} onChange={(e) => setGender(e.target.value as Gender)}>
            <Radio.Button value="male">
              <Msg k="vol.gender.male" />
            </Radio.Button>
            <Radio.Button value="female">
              <Msg k="vol.gender.female" />
            </Radio.Button>
          </Radio.Group>
        </Field>
        <Field label="vol.phone">
          <Input inputMode="tel" value={phone} onChange={(e) => setPhone(e.target.value)} aria-label={t('vol.phone')} data-testid="register-phone" />
        </Field>
        <Field label="vol.languages">
          <Checkbox.Group value={languages} onChange={(v) => setLanguages(v as VolunteerLanguage[])} data-testid="register-languages">
            <Checkbox value="mn">
              <Msg k="vol.lang.mn" />
            </Checkbox>
            <Checkbox value="zh">
              <Msg k="vol.lang.zh" />
            </Checkbox>
          </Checkbox.Group>
        </Field>
        <Field label="vol.skills">
          <Input value={skills} onChange={(e) => setSkills(e.target.value)} aria-label={t('vol.skills')} data-testid="register-skills" />
          <span className="vol-activity__meta">
            <Msg k="vol.skillsHint" />
          </span>
        </Field>
        <ConsentBox text={text('id_number')} checked={idConsent} onChange={setIdConsent} testId="consent-id">
          <Field label="vol.idNumber">
            <Input value={idNumber} maxLength={18} onChange={(e) => setIdNumber(e.target.value)} aria-label={t('vol.idNumber')} data-testid="register-id" />
          </Field>
        </ConsentBox>
        <Checkbox checked={under14} onChange={(e) => setUnder14(e.target.checked)} data-testid="register-under14">
          <Msg k="vol.under14" />
        </Checkbox>
        {under14 && (
          <ConsentBox text={text('minor')} checked={minorConsent} onChange={setMinorConsent} testId="consent-minor">
            <Field label="vol.guardian">
              <Input value={guardian} onChange={(e) => setGuardian(e.target.value)} aria-label={t('vol.guardian')} data-testid="register-guardian" />
            </Field>
          </ConsentBox>
        )}
        <Button type="primary" size="large" block disabled={!valid} loading={register.isPending} onClick={() => register.mutate()} data-testid="register-submit">
          <Msg k="vol.my.submit" />
        </Button>
      </div>
    </Card>
  );
}
