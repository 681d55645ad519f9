export const CONVERSATION_KINDS = ['org', 'group', 'direct'] as const;
export type ConversationKind = (typeof CONVERSATION_KINDS)[number];
export const MEMBER_STATUSES = ['active', 'blocked', 'removed'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export interface ChatConversationTable {
  id: string;
  kind: ConversationKind;
  /** Org channel: its org. Group: the org it was created in. Direct: the starter's home org. */
  org_id: string;
  title: string | null;
  /** Org channel only: 1 when members of every org below also belong. */
  include_subtree: number;
  /** 'org:<orgId>' or 'dm:<userA>:<userB>' (sorted): one channel per org, one conversation per pair, even under races. */
  unique_key: string | null;
  /** The last message number handed out: message ids are 1, 2, 3… per conversation. */
  last_seq: number;
  /** The last revision handed out: every new, edited, deleted or reviewed message takes the next. */
  last_rev: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ChatMemberTable {
  conversation_id: string;
  user_id: string;
  role: 'owner' | 'member';
  status: MemberStatus;
  last_read_seq: number;
  joined_at: string;
}

export interface ChatMessageTable {
  conversation_id: string;
  /** Monotonic per conversation: a client resumes with `after=<seq>`. */
  seq: number;
  /** The conversation's revision at this message's last change: a client resumes changes with `since=<rev>`. */
  rev: number;
  sender_id: string;
  body: string;
  /** detectLanguage of the body: zh, mn, mixed, other. */
  lang: string;
  reply_to: number | null;
  /** JSON array of mentioned user ids. */
  mentions_json: string;
  /** JSON array of attached media ids. */
  attachments_json: string;
  /** Space-padded search tokens of the body (@gerel/text indexTokens). */
  tokens: string;
  /** visible, deleted (soft: shown as deleted), held (a screened keyword: waits for a moderator). */
  status: 'visible' | 'deleted' | 'held';
  created_at: string;
  edited_at: string | null;
}

export interface MessagingTables {
  chat_conversations: ChatConversationTable;
  chat_members: ChatMemberTable;
  chat_messages: ChatMessageTable;
}
