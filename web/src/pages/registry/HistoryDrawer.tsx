import { useQuery } from '@tanstack/react-query';
import { Drawer, Empty, Tag } from 'antd';
import { fetchHistory, type HistoryEntry, type ListInfo, type OrgName } from '../../api/registry';
import { ErrorState } from '../../components/ErrorState';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { ScriptText } from '../../mongol/ScriptText';
import { formatTime } from '../content/parts';
import { fieldKey } from './labels';
import { ValueView } from './ValueView';

const COLORS: Record<HistoryEntry['action'], string> = { create: 'green', import: 'cyan', update: 'blue', delete: 'red' };

/** Every change of a row, newest first: who, when, and each changed field before → after. */
export function HistoryDrawer({ list, rowId, orgs, onClose }: { list: ListInfo; rowId: string; orgs: Record<string, OrgName>; onClose: () => void }) {
  const { lang } = useI18n();
  const history = useQuery({ queryKey: ['registry', list.key, 'history', rowId], queryFn: () => fetchHistory(list.key, rowId) });
  const fieldOf = (key: string) => list.fields.find((f) => f.key === key)!;
  return (
    <Drawer open size="large" onClose={onClose} title={<Msg k="registry.history" />}>
      {history.isError && <ErrorState error={history.error} onRetry={() => void history.refetch()} />}
      {history.data?.length === 0 && <Empty description={<Msg k="registry.historyEmpty" />} />}
      <ol className="reg-history" data-testid="reg-history">
        {history.data?.map((h) => (
          <li key={h.id} className="reg-history__entry" data-action={h.action}>
            <div className="reg-history__head">
              <Tag color={COLORS[h.action]}>
                <Msg k={`registry.action.${h.action}`} />
              </Tag>
              <span>{formatTime(h.at, lang)}</span>
              {h.actor?.name ? <ScriptText text={h.actor.name} /> : <Msg k="registry.system" />}
            </div>
            <table className="reg-history__changes">
              <tbody>
                {(h.action === 'update' ? h.changed : list.fields.map((f) => f.key).filter((k) => (h.after ?? h.before)?.[k] != null)).map((k) => (
                  <tr key={k} data-field={k}>
                    <th>
                      <Msg k={fieldKey(list.key, k)} />
                    </th>
                    {h.action === 'update' && (
                      <td className="reg-history__before">
                        <ValueView list={list.key} field={fieldOf(k)} value={h.before?.[k]} orgs={orgs} />
                      </td>
                    )}
                    <td>
                      <ValueView list={list.key} field={fieldOf(k)} value={(h.after ?? h.before)?.[k]} orgs={orgs} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </li>
        ))}
      </ol>
    </Drawer>
  );
}
