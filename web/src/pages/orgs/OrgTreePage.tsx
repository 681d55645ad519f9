import { useSearchParams } from 'react-router';
import { useOrgs } from '../../api/queries';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { OrgTree } from '../../components/org/OrgTree';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { OrgDetails } from './OrgDetails';
import './OrgTreePage.css';

/** The organisation tree with the selected org's details; the selection lives in the URL (?org=). */
export function OrgTreePage() {
  const { lang, t } = useI18n();
  const orgs = useOrgs();
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('org');

  if (orgs.isPending) return <Loading />;
  if (orgs.isError) return <ErrorState error={orgs.error} onRetry={() => void orgs.refetch()} />;

  const selected = orgs.data.find((o) => o.id === selectedId) ?? null;
  const parent = selected?.parentId ? (orgs.data.find((o) => o.id === selected.parentId) ?? null) : null;
  const vertical = lang === 'mn-Mong';

  return (
    <div className={vertical ? 'org-page org-page--vertical' : 'org-page'}>
      <section className="org-page__tree" aria-labelledby="org-tree-title">
        <h1 id="org-tree-title" className="page-title">
          <Msg k="orgs.title" />
        </h1>
        {orgs.data.length === 0 ? (
          <p>
            <Msg k="orgs.empty" />
          </p>
        ) : (
          <OrgTree
            orgs={orgs.data}
            selectedId={selectedId}
            label={t('orgs.title')}
            onSelect={(org) => setParams({ org: org.id })}
          />
        )}
      </section>
      <OrgDetails org={selected} parent={parent} />
    </div>
  );
}
