import type { Org } from '../../api/types';
import type { Lang } from '../../i18n/languages';
import { MongolText } from '../../mongol/MongolText';

/**
 * An org's name in the UI language: its Mongolian name, vertical, in Mongolian mode (the Chinese
 * name while it has none yet), its Chinese name otherwise (orgs have no English names).
 */
export function OrgName({ org, lang, mnTestId }: { org: Org; lang: Lang; mnTestId?: string }) {
  if (lang === 'mn-Mong' && org.name.mn) {
    return <MongolText data-testid={mnTestId}>{org.name.mn}</MongolText>;
  }
  return (
    <span lang="zh-Hans" className="org-name-zh">
      {org.name.zh}
    </span>
  );
}
