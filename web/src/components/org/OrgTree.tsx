import { useMemo, useState } from 'react';
import type { Org } from '../../api/types';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { buildOrgTree, pathTo, type OrgTreeNode } from './buildOrgTree';
import { OrgName } from './OrgName';
import './OrgTree.css';

interface Props {
  orgs: readonly Org[];
  selectedId: string | null;
  onSelect: (org: Org) => void;
  /** Accessible name of the tree. */
  label: string;
}

/**
 * The organisation tree. Its styles use logical properties only, so in Mongolian mode the whole
 * tree turns with the writing mode: each node a column, children to the right, indented downward.
 */
export function OrgTree({ orgs, selectedId, onSelect, label }: Props) {
  const { lang } = useI18n();
  const roots = useMemo(() => buildOrgTree(orgs), [orgs]);
  const [expanded, setExpanded] = useState<Set<string>>(() => {
    // Open the roots, and the way down to the selected org, on first show.
    const open = new Set(roots.map((n) => n.key));
    if (selectedId) for (const id of pathTo(orgs, selectedId).slice(0, -1)) open.add(id);
    return open;
  });

  const toggle = (key: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (!next.delete(key)) next.add(key);
      return next;
    });

  const renderNode = (node: OrgTreeNode, level: number) => {
    const open = expanded.has(node.key);
    const hasChildren = node.children.length > 0;
    const selected = node.type === 'org' && node.org.id === selectedId;
    return (
      <li
        key={node.key}
        role="treeitem"
        aria-level={level}
        aria-expanded={hasChildren ? open : undefined}
        aria-selected={node.type === 'org' ? selected : undefined}
        data-org-id={node.type === 'org' ? node.org.id : undefined}
        data-group={node.type === 'societies' ? 'societies' : undefined}
      >
        <div className={selected ? 'org-tree__row org-tree__row--selected' : 'org-tree__row'}>
          {hasChildren ? (
            <ToggleButton open={open} onClick={() => toggle(node.key)} />
          ) : (
            <span className="org-tree__spacer" aria-hidden="true" />
          )}
          {node.type === 'org' ? (
            <button type="button" className="org-tree__label" onClick={() => onSelect(node.org)}>
              <OrgName org={node.org} lang={lang} mnTestId="org-name-mn" />
              <span className="org-tree__code" data-testid="org-code">
                {node.org.code}
              </span>
            </button>
          ) : (
            <span className="org-tree__group">
              <Msg k="orgs.societies" />
            </span>
          )}
        </div>
        {hasChildren && open && <ul role="group">{node.children.map((c) => renderNode(c, level + 1))}</ul>}
      </li>
    );
  };

  return (
    <ul role="tree" aria-label={label} className={lang === 'mn-Mong' ? 'org-tree vertical-flow' : 'org-tree'}>
      {roots.map((n) => renderNode(n, 1))}
    </ul>
  );
}

function ToggleButton({ open, onClick }: { open: boolean; onClick: () => void }) {
  const { t } = useI18n();
  // "+" and "−" read the same in both writing modes, unlike arrows.
  return (
    <button
      type="button"
      className="org-tree__toggle"
      aria-label={t(open ? 'orgs.collapse' : 'orgs.expand')}
      title={t(open ? 'orgs.collapse' : 'orgs.expand')}
      onClick={onClick}
    >
      {open ? '−' : '+'}
    </button>
  );
}
