import { Button, Input, Popconfirm, Switch, Tag } from 'antd';
import { useState } from 'react';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';
import { ScriptText } from '../../mongol/ScriptText';
import { addKeywords, removeKeyword, setModerator, updateSpace, useKeywords, useModerators, type Space } from '../../api/community';
import { useAct } from './hooks';
import { PeoplePicker } from './PeoplePicker';

/** Who belongs: the org's own people only, or its whole subtree too. */
function Membership({ space }: { space: Space }) {
  const toggle = useAct((on: boolean) => updateSpace(space.orgId, on));
  return (
    <section className="com-admin__section">
      <label className="com-admin__row">
        <Switch checked={space.includeSubtree} loading={toggle.isPending} onChange={(on) => toggle.mutate(on)} data-testid="com-include-subtree" />
        <Msg k="community.includeSubtree" />
      </label>
      <p className="com-muted">
        <Msg k="community.includeSubtreeHint" />
      </p>
    </section>
  );
}

function Moderators({ orgId }: { orgId: string }) {
  const { t } = useI18n();
  const moderators = useModerators(orgId);
  const [pick, setPick] = useState<string[]>([]);
  const add = useAct(() => setModerator(orgId, pick[0]!, true), () => setPick([]));
  const remove = useAct((userId: string) => setModerator(orgId, userId, false));
  return (
    <section className="com-admin__section" data-testid="com-moderators-admin">
      <h3>
        <Msg k="community.moderators" />
      </h3>
      <p className="com-muted">
        <Msg k="community.moderatorsHint" />
      </p>
      <ul className="com-admin__list">
        {(moderators.data ?? []).map((m) => (
          <li key={m.id} data-testid="com-moderator" data-id={m.id}>
            <ScriptText text={m.name} />
            <Popconfirm title={t('community.removeModerator')} onConfirm={() => remove.mutate(m.id)} okText={t('community.removeModerator')} cancelText={t('community.cancel')}>
              <Button size="small" type="link" danger data-testid="com-moderator-remove">
                <Msg k="community.removeModerator" />
              </Button>
            </Popconfirm>
          </li>
        ))}
        {moderators.data?.length === 0 && (
          <li className="com-muted">
            <Msg k="community.noModerators" />
          </li>
        )}
      </ul>
      <div className="com-compose__buttons">
        <PeoplePicker orgId={orgId} value={pick} onChange={setPick} multiple={false} placeholder={t('community.pickPerson')} testId="com-moderator-pick" />
        <Button disabled={pick.length === 0} loading={add.isPending} onClick={() => add.mutate(undefined)} data-testid="com-moderator-add">
          <Msg k="community.addModerator" />
        </Button>
      </div>
    </section>
  );
}

/** The org's screened words: applied on write to posts and chat messages here and below, with review. */
function Keywords({ orgId }: { orgId: string }) {
  const { t } = useI18n();
  const keywords = useKeywords(orgId, true);
  const [words, setWords] = useState('');
  const add = useAct((list: string[]) => addKeywords(orgId, list), () => setWords(''));
  const remove = useAct(removeKeyword);
  return (
    <section className="com-admin__section" data-testid="com-keywords-admin">
      <h3>
        <Msg k="community.keywords" />
      </h3>
      <p className="com-muted" data-testid="com-keywords-hint">
        <Msg k="community.keywordsHint" />
      </p>
      <div className="com-keywords">
        {(keywords.data ?? []).map((k) => (
          <Tag key={k.id} closable onClose={() => remove.mutate(k.id)} data-testid="com-keyword">
            <ScriptText text={k.word} />
          </Tag>
        ))}
      </div>
      <div className="com-compose__buttons">
        <Input value={words} onChange={(e) => setWords(e.target.value)} placeholder={t('community.keywordsPlaceholder')} data-testid="com-keywords-input" />
        <Button disabled={!words.trim()} loading={add.isPending} onClick={() => add.mutate(words.split(/[,，、\n]+/).map((w) => w.trim()).filter(Boolean))} data-testid="com-keywords-add">
          <Msg k="community.addKeywords" />
        </Button>
      </div>
    </section>
  );
}

/** For the org's admins: who belongs to the space, its moderators, its keyword list. */
export function SpaceAdmin({ space }: { space: Space }) {
  return (
    <div className="com-admin" data-testid="com-admin">
      <Membership space={space} />
      <Moderators orgId={space.orgId} />
      <Keywords orgId={space.orgId} />
    </div>
  );
}
