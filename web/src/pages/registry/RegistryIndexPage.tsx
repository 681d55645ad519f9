import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { fetchLists, fetchSummary, type ListInfo } from '../../api/registry';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { listKey, valueKey } from './labels';
import './registry.css';

/** Every registry list with how many rows the user sees, and the headline figure where a list has one. */
export function RegistryIndexPage() {
  const lists = useQuery({ queryKey: ['registry', 'lists'], queryFn: fetchLists, staleTime: 60_000 });
  if (lists.isError) return <ErrorState error={lists.error} onRetry={() => void lists.refetch()} />;
  if (!lists.data) return <Loading />;
  return (
    <div className="dis-page reg-page" data-testid="registry-index">
      <h1 className="page-title">
        <Msg k="registry.title" />
      </h1>
      <p className="reg-intro">
        <Msg k="registry.intro" />
      </p>
      <ul className="reg-lists">
        {lists.data.map((l) => (
          <li key={l.key} className="reg-list-card" data-list={l.key}>
            <Link to={`/registry/${l.key}`} className="reg-list-card__name" data-testid={`reg-open-${l.key}`}>
              <Msg k={listKey(l.key)} />
            </Link>
            <span className="reg-list-card__count" data-testid="reg-count" data-count={l.count}>
              <Msg k="dis.total" vars={{ n: l.count }} />
            </span>
            {l.headline && l.count > 0 && <Headline list={l} />}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Headline({ list }: { list: ListInfo }) {
  const { t } = useI18n();
  const summary = useQuery({ queryKey: ['registry', list.key, 'summary', {}], queryFn: () => fetchSummary(list.key) });
  const h = summary.data?.headline;
  if (!h) return null;
  return (
    <span className="reg-list-card__headline" data-testid="reg-index-headline" data-percent={h.percent}>
      <Msg k="registry.headline" vars={{ value: t(valueKey(list.key, h.field, h.value)), count: h.count, total: h.total, percent: h.percent }} />
    </span>
  );
}
