import { Alert, Button } from 'antd';
import { errorText } from '../api/errorText';
import { Msg } from '../i18n/Msg';
import { useI18n } from '../i18n/useI18n';
import { ScriptText } from '../mongol/ScriptText';

/** A failed load: what went wrong, in the user's language, and a way to try again. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={<ScriptText text={errorText(error, t)} />}
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            <Msg k="common.retry" />
          </Button>
        )
      }
    />
  );
}
