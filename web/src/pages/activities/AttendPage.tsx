import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card } from 'antd';
import { useParams, useSearchParams } from 'react-router';
import { v4 as uuidv4 } from 'uuid';
import { attend } from '../../api/activities';
import { errorText } from '../../api/errorText';
import { LanguageSwitcher } from '../../components/LanguageSwitcher';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { ScriptText } from '../../mongol/ScriptText';
import { BiNameText } from '../dissemination/parts';
import '../volunteers/volunteers.css';

/** The device's own nonce for one activity: a second tap (or a reload) counts once. */
function deviceNonce(activityId: string): string {
  const key = `gerel.attend.${activityId}`;
  let nonce = localStorage.getItem(key);
  if (!nonce) {
    nonce = uuidv4();
    localStorage.setItem(key, nonce);
  }
  return nonce;
}

/** What the venue QR opens (no login): one tap counts this phone among the activity's audience. */
export function AttendPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const { t } = useI18n();
  const checkIn = useMutation({ mutationFn: () => attend(id, params.get('k') ?? '', deviceNonce(id)) });
  return (
    <div className="vol-phone" style={{ padding: 16 }} data-testid="attend-page">
      <LanguageSwitcher />
      <Card title={<Msg k="attend.title" />}>
        {checkIn.data ? (
          <Alert
            type="success"
            showIcon
            data-testid="attend-done"
            title={
              <>
                <BiNameText name={checkIn.data.title} /> — <Msg k={checkIn.data.counted ? 'attend.counted' : 'attend.already'} />
              </>
            }
          />
        ) : (
          <Button type="primary" size="large" block loading={checkIn.isPending} onClick={() => checkIn.mutate()} data-testid="attend-button">
            <Msg k="attend.button" />
          </Button>
        )}
        {checkIn.isError && <Alert type="error" showIcon title={<ScriptText text={errorText(checkIn.error, t)} />} />}
      </Card>
    </div>
  );
}
