import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Empty, Space, Tag } from 'antd';
import { Link } from 'react-router';
import { cancelSignup, mySignups, openActivities, signUp, signupQrUrl, type Activity, type MySignup } from '../../api/activities';
import { errorText } from '../../api/errorText';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { formatTime } from '../content/parts';
import { BiNameText } from '../dissemination/parts';
import './volunteers.css';

export const SIGNUP_COLOR = { confirmed: 'green', waitlisted: 'gold', cancelled: 'default' } as const;

/** When and where, in one line. */
export function ActivityMeta({ a }: { a: Activity }) {
  const { lang } = useI18n();
  return (
    <div className="vol-activity__meta">
      <Tag>
        <Msg k={`act.kind.${a.kind}`} />
      </Tag>
      {formatTime(a.startsAt, lang)} – {formatTime(a.endsAt, lang)}
      {a.place && (
        <>
          {' · '}
          <BiNameText name={a.place.name} />
        </>
      )}
      {a.placeText && <> · {a.placeText}</>}
    </div>
  );
}

/** The volunteer's phone page: activities open to them (sign up), their sign-ups with the QR code to show at the door. */
export function MyActivitiesPage() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const open = useQuery({ queryKey: ['activities', 'open'], queryFn: openActivities });
  const mine = useQuery({ queryKey: ['activities', 'mine'], queryFn: mySignups });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['activities'] });
  const join = useMutation({
    mutationFn: signUp,
    onSuccess: (s) => {
      refresh();
      void message.success(t(s.status === 'confirmed' ? 'act.signedUp' : 'act.waitlisted', { n: s.position ?? 0 }));
    },
    onError: (e) => void message.error(errorText(e, t)),
  });
  const cancel = useMutation({
    mutationFn: cancelSignup,
    onSuccess: () => {
      refresh();
      void message.success(t('act.cancelled'));
    },
    onError: (e) => void message.error(errorText(e, t)),
  });

  if (open.isError) return <ErrorState error={open.error} onRetry={() => void open.refetch()} />;
  if (mine.isError) return <ErrorState error={mine.error} onRetry={() => void mine.refetch()} />;
  if (!open.data || !mine.data) return <Loading />;
  const current = mine.data.filter((s) => s.status !== 'cancelled' && Date.parse(s.activity.endsAt) > Date.now() - 86_400_000);

  return (
    <div className="vol-phone" data-testid="my-activities-page">
      <h1 className="page-title">
        <Msg k="vol.my.activities" />
      </h1>
      {open.data.volunteerStatus !== 'approved' && <Alert type="info" showIcon title={<Msg k="act.notApprovedYet" />} />}
      <Card title={<Msg k="act.mySignups" />} data-testid="my-signups">
        {current.length === 0 ? (
          <Empty description={<Msg k="act.noSignups" />} />
        ) : (
          <Space orientation="vertical" style={{ width: '100%' }} size={16}>
            {current.map((s) => (
              <SignupCard key={s.id} s={s} onCancel={() => cancel.mutate(s.id)} cancelling={cancel.isPending && cancel.variables === s.id} />
            ))}
          </Space>
        )}
      </Card>
      <Card title={<Msg k="act.openForMe" />} data-testid="open-activities">
        {open.data.items.length === 0 ? (
          <Empty description={<Msg k="act.noneOpen" />} />
        ) : (
          <Space orientation="vertical" style={{ width: '100%' }} size={12}>
            {open.data.items.map((a) => (
              <div key={a.id} className="vol-activity" data-testid="open-activity" data-id={a.id}>
                <b>
                  <BiNameText name={a.title} />
                </b>
                <ActivityMeta a={a} />
                <div className="vol-activity__meta">
                  <Msg k="act.places" vars={{ confirmed: a.signups.confirmed, capacity: a.capacity, waiting: a.signups.waitlisted }} />
                </div>
                {a.mySignup && a.mySignup !== 'cancelled' ? (
                  <Tag color={SIGNUP_COLOR[a.mySignup]}>
                    <Msg k={`act.signup.${a.mySignup}`} />
                  </Tag>
                ) : (
                  <Button type="primary" size="large" block disabled={open.data.volunteerStatus !== 'approved'} loading={join.isPending && join.variables === a.id} onClick={() => join.mutate(a.id)} data-testid="signup">
                    <Msg k={a.signups.confirmed >= a.capacity ? 'act.joinWaitlist' : 'act.signUp'} />
                  </Button>
                )}
              </div>
            ))}
          </Space>
        )}
      </Card>
      <Link to="/me/hours">
        <Button block size="large">
          <Msg k="vol.my.hours" />
        </Button>
      </Link>
    </div>
  );
}

function SignupCard({ s, onCancel, cancelling }: { s: MySignup; onCancel: () => void; cancelling: boolean }) {
  const { lang } = useI18n();
  return (
    <div className="vol-activity" data-testid="my-signup" data-activity={s.activity.id} data-status={s.status}>
      <b>
        <BiNameText name={s.activity.title} />
      </b>
      <ActivityMeta a={s.activity} />
      <div>
        <Tag color={SIGNUP_COLOR[s.status]} data-testid="my-signup-status">
          <Msg k={`act.signup.${s.status}`} />
        </Tag>
        {s.position && <Msg k="act.position" vars={{ n: s.position }} />}
      </div>
      {s.qrPayload && (
        <div className="vol-qr" data-testid="my-qr" data-payload={s.qrPayload}>
          <img src={signupQrUrl(s.id)} alt="QR" />
          <span className="vol-activity__meta">
            <Msg k="act.showQr" />
          </span>
        </div>
      )}
      {s.checkedInAt && (
        <div data-testid="my-checked-in">
          <Tag color="blue">
            <Msg k="act.checkedInAt" vars={{ at: formatTime(s.checkedInAt, lang) }} />
          </Tag>
          {s.checkedOutAt && (
            <Tag color="blue">
              <Msg k="act.checkedOutAt" vars={{ at: formatTime(s.checkedOutAt, lang) }} />
            </Tag>
          )}
        </div>
      )}
      {!s.checkedInAt && (
        <Button danger size="small" onClick={onCancel} loading={cancelling} data-testid="cancel-signup" style={{ alignSelf: 'flex-start' }}>
          <Msg k="act.cancelSignup" />
        </Button>
      )}
    </div>
  );
}
