import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Radio } from 'antd';
import { useParams } from 'react-router';
import { v4 as uuidv4 } from 'uuid';
import { errorText } from '../../api/errorText';
import { answerSurvey, fetchPublicSurvey } from '../../api/thinktank';
import { ErrorState } from '../../components/ErrorState';
import { LanguageSwitcher } from '../../components/LanguageSwitcher';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { ScriptText } from '../../mongol/ScriptText';
import '../volunteers/volunteers.css';

/** The device's nonce for one survey: answering again (or reloading) counts once. */
function deviceNonce(key: string): string {
  const k = `gerel.survey.${key}`;
  let nonce = localStorage.getItem(k);
  if (!nonce) {
    nonce = uuidv4();
    localStorage.setItem(k, nonce);
  }
  return nonce;
}

/** What a survey's public link or QR opens (no login): the form, answered once per phone. */
export function SurveyPage() {
  const { key = '' } = useParams();
  const { t } = useI18n();
  const survey = useQuery({ queryKey: ['public-survey', key], queryFn: () => fetchPublicSurvey(key) });
  const send = useMutation({ mutationFn: (answers: Record<string, unknown>) => answerSurvey(key, { nonce: deviceNonce(key), answers }) });
  return (
    <div className="vol-phone" style={{ padding: 16 }} data-testid="survey-page">
      <LanguageSwitcher />
      {survey.isError ? (
        <ErrorState error={survey.error} />
      ) : (
        survey.data && (
          <Card title={<ScriptText text={survey.data.title} />}>
            {survey.data.description && (
              <p>
                <ScriptText text={survey.data.description} />
              </p>
            )}
            {send.data ? (
              <Alert type="success" showIcon data-testid="survey-done" title={<Msg k={send.data.counted ? 'tt.thanks' : 'tt.alreadyAnswered'} />} />
            ) : (
              <Form layout="vertical" onFinish={(v: Record<string, unknown>) => send.mutate(v)}>
                {survey.data.questions.map((q) => (
                  <Form.Item key={q.id} name={q.id} label={<ScriptText text={q.label} />} rules={q.required ? [{ required: true, message: t('tt.requiredAnswer') }] : []}>
                    {q.kind === 'single' ? (
                      <Radio.Group options={q.options!.map((o) => ({ value: o, label: o }))} />
                    ) : q.kind === 'multiple' ? (
                      <Checkbox.Group options={q.options!.map((o) => ({ value: o, label: o }))} />
                    ) : q.kind === 'number' ? (
                      <InputNumber style={{ width: '100%' }} />
                    ) : (
                      <Input.TextArea rows={3} maxLength={2000} />
                    )}
                  </Form.Item>
                ))}
                <Button type="primary" htmlType="submit" block loading={send.isPending} data-testid="survey-submit">
                  <Msg k="tt.send" />
                </Button>
              </Form>
            )}
            {send.isError && <Alert type="error" showIcon title={<ScriptText text={errorText(send.error, t)} />} />}
          </Card>
        )
      )}
    </div>
  );
}
