import type { Org } from '../../api/types';
import { kindKey } from '../../components/org/labels';
import { OrgName } from '../../components/org/OrgName';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { MongolText } from '../../mongol/MongolText';

/** Both names, the code, kind and parent of the selected org. */
export function OrgDetails({ org, parent }: { org: Org | null; parent: Org | null }) {
  const { lang } = useI18n();
  return (
    <section
      className={lang === 'mn-Mong' ? 'org-details vertical-flow' : 'org-details'}
      aria-labelledby="org-details-title"
      data-testid="org-details"
    >
      <h2 id="org-details-title" className="org-details__title">
        <Msg k="orgs.details" />
      </h2>
      {org ? (
        <dl className="org-details__list">
          <dt>
            <Msg k="orgs.field.nameZh" />
          </dt>
          <dd lang="zh-Hans" data-testid="org-details-name-zh">
            {org.name.zh}
          </dd>
          <dt>
            <Msg k="orgs.field.nameMn" />
          </dt>
          <dd>
            {org.name.mn ? (
              <MongolText data-testid="org-details-name-mn">{org.name.mn}</MongolText>
            ) : (
              <span className="org-details__missing">
                <Msg k="orgs.noMongolianName" />
              </span>
            )}
          </dd>
          <dt>
            <Msg k="orgs.field.code" />
          </dt>
          <dd data-testid="org-details-code">{org.code}</dd>
          <dt>
            <Msg k="orgs.field.kind" />
          </dt>
          <dd>
            <Msg k={kindKey(org.kind)} />
          </dd>
          {parent && (
            <>
              <dt>
                <Msg k="orgs.field.parent" />
              </dt>
              <dd>
                <OrgName org={parent} lang={lang} />
              </dd>
            </>
          )}
        </dl>
      ) : (
        <p className="org-details__hint">
          <Msg k="orgs.selectHint" />
        </p>
      )}
    </section>
  );
}
