import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Checkbox, Form, Input, Modal, Radio, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { AVAILABILITIES, INSTRUCTION_LEVELS, NEXT_STAGES, QUESTION_KINDS, SUGGESTION_CATEGORIES, canThinktank, createExpert, createSymposium, inviteExperts, useSymposium, useSymposiums, createSurvey, moveSuggestion, setSurveyStatus, submitSuggestion, surveyQrUrl, updateExpert, useExperts, useMySuggestions, useSuggestions, useSurveyResults, useSurveys, type Availability, type Question, type QuestionKind, type Suggestion, type SuggestionStage, type Survey, uploadAll } from '../../api/thinktank';
import { errorText } from '../../api/errorText';
import { useMe } from '../../api/queries';
import { ErrorState } from '../../components/ErrorState';
import type { MessageKey } from '../../i18n/languages';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { MongolText } from '../../mongol/MongolText';
import { ScriptText } from '../../mongol/ScriptText';
import { EChart, OrgPicker } from '../dissemination/parts';
import '../dissemination/dissemination.css';
import { FilePicker, StageTag, stageKey } from './SuggestionDrawer';
import { SuggestionDrawer } from './SuggestionDrawer';
import './thinktank.css';


/** The think tank: suggestions (one's own and, for staff, all in scope), the expert pool and needs surveys. */
export function ThinktankPage() {
  const me = useMe().data;
  // /thinktank/suggestions (where the "suggestions adopted" figure links) opens the staff list.
  const { tab } = useParams();
  const items = [
    { key: 'mine', label: <Msg k="tt.tab.mine" />, children: <MySuggestions /> },
    ...(canThinktank.read(me) ? [{ key: 'all', label: <Msg k="tt.tab.suggestions" />, children: <AllSuggestions manage={canThinktank.manage(me)} /> }] : []),
    ...(canThinktank.read(me) ? [{ key: 'experts', label: <Msg k="tt.tab.experts" />, children: <Experts manage={canThinktank.manage(me)} /> }] : []),
    ...(canThinktank.read(me) ? [{ key: 'symposiums', label: <Msg k="tt.tab.symposiums" />, children: <Symposiums manage={canThinktank.manage(me)} /> }] : []),
    ...(canThinktank.read(me) ? [{ key: 'surveys', label: <Msg k="tt.tab.surveys" />, children: <Surveys manage={canThinktank.manage(me)} /> }] : []),
  ];
  return (
    <div className="dis-page" data-testid="thinktank-page">
      <h1 className="page-title">
        <Msg k="tt.title" />
      </h1>
      <Tabs items={items} defaultActiveKey={tab === 'suggestions' ? 'all' : tab} />
    </div>
  );
}

/** The suggestion's columns; the title opens its detail (stages, files) when `open` is given. */
const suggestionColumnsWith = (open?: (s: Suggestion) => void) => [
  {
    key: 'title',
    title: <Msg k="tt.col.title" />,
    render: (_: unknown, s: Suggestion) =>
      open ? (
        <a onClick={() => open(s)} data-testid="tt-open">
          <ScriptText text={s.title} />
        </a>
      ) : (
        <ScriptText text={s.title} />
      ),
  },
  { key: 'category', title: <Msg k="tt.col.category" />, render: (_: unknown, s: Suggestion) => <Msg k={`tt.category.${s.category}` as MessageKey} /> },
  { key: 'stage', title: <Msg k="tt.col.stage" />, render: (_: unknown, s: Suggestion) => <StageTag stage={s.stage} /> },
  { key: 'body', title: <Msg k="tt.col.outcome" />, render: (_: unknown, s: Suggestion) => [s.forwardedTo, s.adoptingBody, s.adoptedOn, s.evidence].filter(Boolean).join(' · ') },
];
const suggestionColumns = suggestionColumnsWith();

function MySuggestions() {
  const { t } = useI18n();
  const me = useMe().data;
  const { message } = AntApp.useApp();
  const mine = useMySuggestions();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [viewing, setViewing] = useState<string | undefined>();
  const [files, setFiles] = useState<File[]>([]);
  const [form] = Form.useForm();
  const lang = Form.useWatch('lang', form) as 'zh' | 'mn' | undefined;
  const orgId = Form.useWatch('orgId', form) as string | undefined;
  const submit = useMutation({
    // The suggestion first, then its files: a refused file leaves the suggestion submitted, and says which.
    mutationFn: async (v: Parameters<typeof submitSuggestion>[0]) => {
      const s = await submitSuggestion(v);
      return { s, failed: await uploadAll(s.id, 'attachment', files) };
    },
    onSuccess: ({ failed }) => {
      setOpen(false);
      form.resetFields();
      setFiles([]);
      void qc.invalidateQueries({ queryKey: ['thinktank'] });
      void message.success(t('tt.submitted'));
      for (const f of failed) void message.error(`${t('tt.uploadFailed', { name: f.name })} ${errorText(f.error, t)}`);
    },
  });
  const vertical = lang === 'mn';
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="tt-new-suggestion">
        <Msg k="tt.submit" />
      </Button>
      {mine.isError ? (
        <ErrorState error={mine.error} />
      ) : (
        <Table rowKey="id" size="small" loading={mine.isPending} dataSource={mine.data ?? []} columns={suggestionColumnsWith((s) => setViewing(s.id))} pagination={false} data-testid="tt-mine" />
      )}
      {viewing && <SuggestionDrawer id={viewing} staff={false} onClose={() => setViewing(undefined)} />}
      <Modal open={open} width={vertical ? 720 : 520} title={t('tt.submit')} onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={submit.isPending} okButtonProps={{ 'data-testid': 'tt-submit' }}>
        <Form form={form} layout="vertical" initialValues={{ lang: 'zh', category: 'other' }} onFinish={(v) => submit.mutate(v)}>
          <Form.Item name="orgId" label={t('dis.org')} rules={[{ required: true }]}>
            <OrgIdField />
          </Form.Item>
          <Form.Item name="lang" label={t('tt.lang')}>
            <Radio.Group options={[{ value: 'zh', label: '中文' }, { value: 'mn', label: <MongolText>ᠮᠣᠩᠭᠣᠯ</MongolText> }]} />
          </Form.Item>
          <Form.Item name="category" label={t('tt.col.category')}>
            <Select options={SUGGESTION_CATEGORIES.map((c) => ({ value: c, label: t(`tt.category.${c}` as MessageKey) }))} />
          </Form.Item>
          {/* Staff record what a symposium of the same org gathered. */}
          {canThinktank.read(me) && <SymposiumField orgId={orgId} />}
          {/* Mongolian is typed in vertical columns, as it is written. */}
          <Space align="start" wrap={!vertical} style={{ width: '100%' }} orientation={vertical ? 'horizontal' : 'vertical'} className="tt-text-fields">
            <Form.Item name="title" label={t('tt.col.title')} rules={[{ required: true, max: 300 }]}>
              {vertical ? <Input.TextArea lang="mn-Mong" className="tt-vertical tt-vertical--title" data-testid="tt-title" /> : <Input data-testid="tt-title" />}
            </Form.Item>
            <Form.Item name="body" label={t('tt.body')} rules={[{ required: true }]} style={vertical ? { flex: 1 } : { width: '100%' }}>
              {vertical ? <Input.TextArea lang="mn-Mong" className="tt-vertical" style={{ width: 420 }} data-testid="tt-body" /> : <Input.TextArea rows={6} data-testid="tt-body" />}
            </Form.Item>
          </Space>
          <Form.Item label={t('tt.files')}>
            <FilePicker value={files} onChange={setFiles} testId="tt-attach" />
          </Form.Item>
        </Form>
        {submit.error && <ErrorState error={submit.error} />}
      </Modal>
    </>
  );
}

/** The symposium a suggestion was gathered at: one of the chosen org's. */
function SymposiumField({ orgId }: { orgId: string | undefined }) {
  const { t } = useI18n();
  const symposiums = useSymposiums();
  const options = (symposiums.data ?? []).filter((s) => s.orgId === orgId).map((s) => ({ value: s.id, label: `${s.heldOn} ${s.title}` }));
  return (
    <Form.Item name="symposiumId" label={t('tt.tab.symposiums')}>
      <Select allowClear disabled={!options.length} options={options} data-testid="tt-symposium" />
    </Form.Item>
  );
}

/** The org picker as a form control. */
function OrgIdField({ value, onChange }: { value?: string; onChange?: (v: string | undefined) => void }) {
  return <OrgPicker value={value} onChange={(v) => onChange?.(v)} allowClear={false} />;
}

function AllSuggestions({ manage }: { manage: boolean }) {
  const { t } = useI18n();
  // The "suggestions adopted" figure links here with ?stage=adopted.
  const [params] = useSearchParams();
  const [stage, setStage] = useState<SuggestionStage | undefined>(() => {
    const p = params.get('stage');
    return p && p in NEXT_STAGES ? (p as SuggestionStage) : undefined;
  });
  const list = useSuggestions(stage);
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [moving, setMoving] = useState<{ s: Suggestion; to: SuggestionStage } | null>(null);
  const [viewing, setViewing] = useState<string | undefined>();
  const [evidence, setEvidence] = useState<File[]>([]);
  const [form] = Form.useForm();
  const move = useMutation({
    // The adoption is recorded first; the evidence document is then attached to it.
    mutationFn: async (v: Record<string, string>) => {
      const s = await moveSuggestion(moving!.s.id, { ...v, to: moving!.to });
      return { s, failed: await uploadAll(s.id, 'evidence', evidence) };
    },
    onSuccess: ({ failed }) => {
      setMoving(null);
      setEvidence([]);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['thinktank'] });
      for (const f of failed) void message.error(`${t('tt.uploadFailed', { name: f.name })} ${errorText(f.error, t)}`);
    },
    // A refused move (someone else moved it first, a lost session) is said, not swallowed.
    onError: (error) => void message.error(errorText(error, t)),
  });
  const adopting = moving?.to === 'adopted' || moving?.to === 'partly_adopted';
  return (
    <>
      <Select allowClear placeholder={t('tt.col.stage')} style={{ width: 200, marginBottom: 8 }} value={stage} onChange={setStage} options={Object.keys(NEXT_STAGES).map((s) => ({ value: s, label: t(stageKey(s as SuggestionStage)) }))} />
      {list.isError ? (
        <ErrorState error={list.error} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          data-testid="tt-suggestions"
          columns={[
            ...suggestionColumnsWith((s) => setViewing(s.id)),
            { key: 'author', title: <Msg k="tt.col.author" />, render: (_: unknown, s: Suggestion) => <ScriptText text={s.author} /> },
            {
              key: 'move',
              title: '',
              render: (_: unknown, s: Suggestion) =>
                manage && (
                  <Space wrap>
                    {NEXT_STAGES[s.stage].map((to) => (
                      <Button key={to} size="small" onClick={() => setMoving({ s, to })} data-testid={`move-${to}`}>
                        <Msg k={stageKey(to)} />
                      </Button>
                    ))}
                  </Space>
                ),
            },
          ]}
        />
      )}
      <Modal open={!!moving} title={moving && t(stageKey(moving.to))} onCancel={() => setMoving(null)} onOk={() => form.submit()} confirmLoading={move.isPending}>
        <Form form={form} layout="vertical" onFinish={(v) => move.mutate(v)}>
          {moving?.to === 'forwarded' && (
            <Form.Item name="forwardedTo" label={t('tt.forwardedTo')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
          )}
          {adopting && (
            <>
              <Form.Item name="adoptingBody" label={t('tt.adoptingBody')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
              <Form.Item name="adoptedOn" label={t('tt.adoptedOn')} rules={[{ required: true }]}>
                <Input type="date" />
              </Form.Item>
              <Form.Item name="instructionLevel" label={t('tt.instructionLevel')} rules={[{ required: true }]}>
                <Select options={INSTRUCTION_LEVELS.map((l) => ({ value: l, label: t(`tt.level.${l}` as MessageKey) }))} />
              </Form.Item>
              <Form.Item name="evidence" label={t('tt.evidence')} rules={[{ required: true }]}>
                <Input data-testid="tt-evidence" />
              </Form.Item>
              <Form.Item label={t('tt.attachEvidence')}>
                <FilePicker value={evidence} onChange={setEvidence} testId="tt-evidence-file" />
              </Form.Item>
            </>
          )}
          <Form.Item name="note" label={t('tt.note')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
        {move.error && <p role="alert">{errorText(move.error, t)}</p>}
      </Modal>
      {viewing && <SuggestionDrawer id={viewing} staff={manage} onClose={() => setViewing(undefined)} />}
    </>
  );
}

function Experts({ manage }: { manage: boolean }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [q, setQ] = useState('');
  const [availability, setAvailability] = useState<Availability | undefined>();
  const experts = useExperts({ q: q || undefined, availability });
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const setAvailabilityOf = useMutation({
    mutationFn: (v: { id: string; availability: Availability }) => updateExpert(v.id, { availability: v.availability }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['thinktank', 'experts'] }),
    onError: (e) => void message.error(errorText(e, t)),
  });
  const add = useMutation({
    mutationFn: (v: { orgId: string; name: string; title?: string; workplace?: string; fields?: string; languages: ('mn' | 'zh')[]; availability: Availability }) =>
      createExpert({ ...v, fields: (v.fields ?? '').split(/[,，、]/).map((f) => f.trim()).filter(Boolean) }),
    onSuccess: () => {
      setOpen(false);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['thinktank', 'experts'] });
    },
  });
  return (
    <>
      <Space style={{ marginBottom: 8 }} wrap>
        <Input.Search allowClear placeholder={t('tt.searchExperts')} onSearch={setQ} style={{ width: 240 }} data-testid="tt-expert-search" />
        <Select allowClear placeholder={t('tt.availability')} style={{ width: 160 }} value={availability} onChange={setAvailability} options={AVAILABILITIES.map((a) => ({ value: a, label: t(`tt.availability.${a}` as MessageKey) }))} />
        {manage && (
          <Button onClick={() => setOpen(true)} data-testid="tt-new-expert">
            <Msg k="tt.addExpert" />
          </Button>
        )}
      </Space>
      {experts.isError ? (
        <ErrorState error={experts.error} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          loading={experts.isPending}
          dataSource={experts.data?.items ?? []}
          data-testid="tt-experts"
          columns={[
            { key: 'name', title: <Msg k="tt.col.name" />, render: (_, e) => <ScriptText text={e.name} /> },
            { key: 'title', title: <Msg k="tt.col.expertTitle" />, render: (_, e) => [e.title, e.workplace].filter(Boolean).join(' · ') },
            { key: 'fields', title: <Msg k="tt.col.fields" />, render: (_, e) => e.fields.map((f) => <Tag key={f}>{f}</Tag>) },
            {
              key: 'availability',
              title: <Msg k="tt.availability" />,
              render: (_, e) =>
                manage ? (
                  <Select
                    size="small"
                    style={{ width: 140 }}
                    value={e.availability}
                    aria-label={t('tt.availability')}
                    onChange={(availability: Availability) => setAvailabilityOf.mutate({ id: e.id, availability })}
                    options={AVAILABILITIES.map((a) => ({ value: a, label: t(`tt.availability.${a}` as MessageKey) }))}
                  />
                ) : (
                  <Msg k={`tt.availability.${e.availability}` as MessageKey} />
                ),
            },
          ]}
        />
      )}
      <Modal open={open} title={t('tt.addExpert')} onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={add.isPending}>
        <Form form={form} layout="vertical" initialValues={{ languages: ['zh'], availability: 'available' }} onFinish={(v) => add.mutate(v)}>
          <Form.Item name="orgId" label={t('dis.org')} rules={[{ required: true }]}>
            <OrgIdField />
          </Form.Item>
          <Form.Item name="name" label={t('tt.col.name')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="title" label={t('tt.col.expertTitle')}>
            <Input />
          </Form.Item>
          <Form.Item name="workplace" label={t('tt.workplace')}>
            <Input />
          </Form.Item>
          <Form.Item name="fields" label={t('tt.col.fields')}>
            <Input placeholder="草原生态，畜牧业" />
          </Form.Item>
          <Form.Item name="languages" label={t('tt.lang')}>
            <Checkbox.Group options={[{ value: 'mn', label: <MongolText>ᠮᠣᠩᠭᠣᠯ</MongolText> }, { value: 'zh', label: '中文' }]} />
          </Form.Item>
          <Form.Item name="availability" label={t('tt.availability')}>
            <Radio.Group options={AVAILABILITIES.map((a) => ({ value: a, label: t(`tt.availability.${a}` as MessageKey) }))} />
          </Form.Item>
        </Form>
        {add.error && <ErrorState error={add.error} />}
      </Modal>
    </>
  );
}

interface DraftQuestion {
  kind: QuestionKind;
  label: string;
  options: string;
  required: boolean;
}

function Surveys({ manage }: { manage: boolean }) {
  const { t } = useI18n();
  const surveys = useSurveys();
  const qc = useQueryClient();
  const [selected, setSelected] = useState<string | undefined>();
  const [building, setBuilding] = useState(false);
  const [orgId, setOrgId] = useState<string | undefined>();
  const [title, setTitle] = useState('');
  const [questions, setQuestions] = useState<DraftQuestion[]>([{ kind: 'single', label: '', options: '', required: true }]);
  const create = useMutation({
    mutationFn: () =>
      createSurvey({
        orgId: orgId!,
        title,
        questions: questions.map((q, i): Question => ({
          id: `q${i + 1}`,
          kind: q.kind,
          label: q.label,
          required: q.required,
          ...(q.kind === 'single' || q.kind === 'multiple' ? { options: q.options.split(/\n|[,，、]/).map((o) => o.trim()).filter(Boolean) } : {}),
        })),
      }),
    onSuccess: (s) => {
      setBuilding(false);
      setSelected(s.id);
      void qc.invalidateQueries({ queryKey: ['thinktank', 'surveys'] });
    },
  });
  const status = useMutation({ mutationFn: (v: { id: string; status: 'open' | 'closed' }) => setSurveyStatus(v.id, v.status), onSuccess: () => void qc.invalidateQueries({ queryKey: ['thinktank', 'surveys'] }) });
  const setQ = (i: number, patch: Partial<DraftQuestion>) => setQuestions((qs) => qs.map((q, j) => (j === i ? { ...q, ...patch } : q)));
  return (
    <>
      {manage && (
        <Button onClick={() => setBuilding(true)} style={{ marginBottom: 8 }} data-testid="tt-new-survey">
          <Msg k="tt.newSurvey" />
        </Button>
      )}
      {surveys.isError ? (
        <ErrorState error={surveys.error} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          loading={surveys.isPending}
          dataSource={surveys.data ?? []}
          pagination={false}
          data-testid="tt-surveys"
          columns={[
            { key: 'title', title: <Msg k="tt.col.title" />, render: (_, s) => <a onClick={() => setSelected(s.id)}>{s.title}</a> },
            { key: 'responses', title: <Msg k="tt.responses" />, render: (_, s) => s.responses ?? 0 },
            { key: 'link', title: <Msg k="tt.publicLink" />, render: (_, s) => (s.status === 'open' ? <a href={s.publicPath} target="_blank" rel="noreferrer">{`${location.origin}${s.publicPath}`}</a> : <Msg k="tt.closed" />) },
            {
              key: 'tools',
              title: '',
              render: (_, s) => (
                <Space>
                  <Button size="small" onClick={() => setSelected(s.id)} data-testid="tt-survey-qr-open">
                    <Msg k="tt.qr" />
                  </Button>
                  {manage && (
                    <Button size="small" onClick={() => status.mutate({ id: s.id, status: s.status === 'open' ? 'closed' : 'open' })}>
                      <Msg k={s.status === 'open' ? 'tt.close' : 'tt.reopen'} />
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
      {selected && (surveys.data ?? []).some((s) => s.id === selected && s.status === 'open') && <SurveyShare survey={surveys.data!.find((s) => s.id === selected)!} />}
      {selected && <SurveyResults id={selected} />}
      <Modal open={building} width={720} title={t('tt.newSurvey')} onCancel={() => setBuilding(false)} onOk={() => create.mutate()} okButtonProps={{ disabled: !orgId || !title.trim() }} confirmLoading={create.isPending}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <OrgPicker value={orgId} onChange={setOrgId} allowClear={false} />
          <Input placeholder={t('tt.col.title')} value={title} onChange={(e) => setTitle(e.target.value)} />
          {questions.map((q, i) => (
            <Space key={i} align="start" wrap>
              <Select style={{ width: 130 }} value={q.kind} onChange={(kind) => setQ(i, { kind })} options={QUESTION_KINDS.map((k) => ({ value: k, label: t(`tt.qkind.${k}` as MessageKey) }))} />
              <Input style={{ width: 220 }} placeholder={t('tt.question')} value={q.label} onChange={(e) => setQ(i, { label: e.target.value })} />
              {(q.kind === 'single' || q.kind === 'multiple') && <Input.TextArea style={{ width: 200 }} rows={2} placeholder={t('tt.options')} value={q.options} onChange={(e) => setQ(i, { options: e.target.value })} />}
              <Checkbox checked={q.required} onChange={(e) => setQ(i, { required: e.target.checked })}>
                <Msg k="tt.required" />
              </Checkbox>
              <Button size="small" onClick={() => setQuestions((qs) => qs.filter((_, j) => j !== i))} disabled={questions.length === 1}>
                −
              </Button>
            </Space>
          ))}
          <Button onClick={() => setQuestions((qs) => [...qs, { kind: 'text', label: '', options: '', required: false }])}>
            <Msg k="tt.addQuestion" />
          </Button>
        </Space>
        {create.error && <ErrorState error={create.error} />}
      </Modal>
    </>
  );
}

/** The public link and its QR code (drawn by the server), to print on a poster or show on a slide. */
function SurveyShare({ survey }: { survey: Survey }) {
  const { t } = useI18n();
  const link = `${location.origin}${survey.publicPath}`;
  return (
    <Card size="small" title={<Msg k="tt.qr" />} style={{ margin: '8px 0' }} data-testid="tt-survey-share">
      <div className="tt-share">
        <img src={surveyQrUrl(survey.id)} alt={t('tt.qr')} data-testid="tt-survey-qr" />
        <Space orientation="vertical">
          <ScriptText text={survey.title} />
          <Typography.Paragraph copyable={{ text: link }} style={{ margin: 0 }}>
            <a href={survey.publicPath} target="_blank" rel="noreferrer" data-testid="tt-survey-link">
              {link}
            </a>
          </Typography.Paragraph>
          <small className="tt-hint">{t('tt.qrHint')}</small>
          <a href={surveyQrUrl(survey.id)} download={`survey-qr.svg`}>
            SVG
          </a>
        </Space>
      </div>
    </Card>
  );
}

function SurveyResults({ id }: { id: string }) {
  const results = useSurveyResults(id);
  const options = useMemo(
    () =>
      (results.data?.questions ?? []).map((q) =>
        'options' in q
          ? {
              grid: { left: 48, right: 16, top: 20, bottom: 36 },
              xAxis: { type: 'category' as const, data: q.options.map((o) => o.option), axisLabel: { interval: 0 } },
              yAxis: { type: 'value' as const, minInterval: 1 },
              series: [{ type: 'bar' as const, data: q.options.map((o) => o.n), barMaxWidth: 40 }],
            }
          : null,
      ),
    [results.data],
  );
  if (results.isError) return <ErrorState error={results.error} />;
  if (!results.data) return null;
  return (
    <div className="dis-grid" data-testid="tt-results">
      {results.data.questions.map((q, i) => (
        <section className="dis-panel" key={q.id}>
          <h2>
            <ScriptText text={q.label} /> ({q.answered})
          </h2>
          {options[i] && <EChart option={options[i]} height={220} />}
          {q.kind === 'number' && <p>{[q.mean, q.min, q.max].map((x) => (x === null ? '–' : Number(x.toFixed(2)))).join(' / ')}</p>}
          {q.kind === 'text' && (
            <ul>
              {q.texts.map((x, j) => (
                <li key={j}>
                  <ScriptText text={x} />
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}


function Symposiums({ manage }: { manage: boolean }) {
  const { t } = useI18n();
  const list = useSymposiums();
  const qc = useQueryClient();
  const [selected, setSelected] = useState<string | undefined>();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const create = useMutation({
    mutationFn: createSymposium,
    onSuccess: (s) => {
      setOpen(false);
      form.resetFields();
      setSelected(s.id);
      void qc.invalidateQueries({ queryKey: ['thinktank', 'symposiums'] });
    },
  });
  return (
    <>
      {manage && (
        <Button onClick={() => setOpen(true)} style={{ marginBottom: 8 }} data-testid="tt-new-symposium">
          <Msg k="tt.newSymposium" />
        </Button>
      )}
      {list.isError ? (
        <ErrorState error={list.error} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          loading={list.isPending}
          dataSource={list.data ?? []}
          pagination={false}
          data-testid="tt-symposiums"
          columns={[
            { key: 'heldOn', title: <Msg k="tt.heldOn" />, dataIndex: 'heldOn' },
            { key: 'title', title: <Msg k="tt.col.title" />, render: (_, s) => <a onClick={() => setSelected(s.id)}>{s.title}</a> },
            { key: 'place', title: <Msg k="tt.place" />, dataIndex: 'place' },
          ]}
        />
      )}
      {selected && <SymposiumDetailView id={selected} manage={manage} />}
      <Modal open={open} title={t('tt.newSymposium')} onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={create.isPending}>
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
          <Form.Item name="orgId" label={t('dis.org')} rules={[{ required: true }]}>
            <OrgIdField />
          </Form.Item>
          <Form.Item name="title" label={t('tt.col.title')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="heldOn" label={t('tt.heldOn')} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="place" label={t('tt.place')}>
            <Input />
          </Form.Item>
          <Form.Item name="topic" label={t('tt.topic')}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
        {create.error && <ErrorState error={create.error} />}
      </Modal>
    </>
  );
}

function SymposiumDetailView({ id, manage }: { id: string; manage: boolean }) {
  const { t } = useI18n();
  const detail = useSymposium(id);
  const experts = useExperts({});
  const qc = useQueryClient();
  const [chosen, setChosen] = useState<string[]>([]);
  const invite = useMutation({
    mutationFn: () => inviteExperts(id, chosen),
    onSuccess: () => {
      setChosen([]);
      void qc.invalidateQueries({ queryKey: ['thinktank', 'symposium', id] });
    },
  });
  if (detail.isError) return <ErrorState error={detail.error} />;
  if (!detail.data) return null;
  return (
    <section className="dis-panel" data-testid="tt-symposium">
      <h2>{detail.data.title}</h2>
      {manage && (
        <Space wrap style={{ marginBottom: 8 }}>
          <Select
            mode="multiple"
            style={{ minWidth: 280 }}
            placeholder={t('tt.invite')}
            value={chosen}
            onChange={setChosen}
            options={(experts.data?.items ?? []).map((e) => ({ value: e.id, label: [e.name, e.title].filter(Boolean).join(' · ') }))}
          />
          <Button onClick={() => invite.mutate()} disabled={!chosen.length} loading={invite.isPending}>
            <Msg k="tt.invite" />
          </Button>
        </Space>
      )}
      {invite.error && <ErrorState error={invite.error} />}
      <Table
        rowKey="expertId"
        size="small"
        pagination={false}
        dataSource={detail.data.invitations}
        columns={[
          { key: 'name', title: <Msg k="tt.col.name" />, render: (_, i) => <ScriptText text={i.name} /> },
          { key: 'status', title: <Msg k="tt.invitations" />, render: (_, i) => <Msg k={`tt.invitation.${i.status}` as MessageKey} /> },
        ]}
      />
      <Table rowKey="id" size="small" pagination={false} dataSource={detail.data.suggestions} columns={suggestionColumns} />
    </section>
  );
}
