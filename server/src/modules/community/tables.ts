export const POST_CATEGORIES = ['academic', 'popularization', 'policy', 'help', 'other'] as const;
export type PostCategory = (typeof POST_CATEGORIES)[number];
/** visible; held (a screened keyword: waits for a moderator); hidden (by a moderator); deleted (by its author). */
export const POST_STATUSES = ['visible', 'held', 'hidden', 'deleted'] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

/** A sci-tech worker's public profile; their org is their home org (users.org_id). */
export interface CommunityProfileTable {
  user_id: string;
  org_id: string;
  field: string | null;
  title: string | null;
  /** JSON array of language tags (zh-Hans, mn-Mong, en …). */
  languages_json: string;
  bio: string | null;
  updated_at: string;
}

export interface CommunityFollowTable {
  follower_id: string;
  followee_id: string;
  created_at: string;
}

/** Every org has its space; these are its moderators besides the org's admins. */
export interface CommunityModeratorTable {
  org_id: string;
  user_id: string;
  created_by: string;
  created_at: string;
}

/** A thread (parent_id null, with a title and category) or a reply in one. */
export interface CommunityPostTable {
  id: string;
  org_id: string;
  parent_id: string | null;
  author_id: string;
  category: PostCategory;
  title: string | null;
  body: string;
  mentions_json: string;
  /** JSON array of attachments (media uploaded through the media module for the space's org). */
  attachments_json: string;
  status: PostStatus;
  /** The keywords that held it, JSON array (empty unless held). */
  held_for_json: string;
  reply_count: number;
  created_at: string;
  updated_at: string;
  last_activity_at: string;
  /** When its author last changed its title or text (null: never edited). */
  edited_at: string | null;
}

/**
 * A space's settings. Without a row a space is read and written by its org's whole subtree (and the
 * orgs above); include_subtree 0 keeps it to the org's own people (and the orgs above).
 */
export interface CommunitySpaceTable {
  org_id: string;
  include_subtree: number;
  updated_by: string;
  updated_at: string;
}

export interface CommunityReportTable {
  id: string;
  post_id: string;
  org_id: string;
  reporter_id: string;
  reason: string;
  status: 'open' | 'resolved';
  created_at: string;
  resolved_by: string | null;
  resolved_at: string | null;
}

/** Words screened on write in an org's subtree (posts and chat messages): a hit is held for review. */
export interface ModerationKeywordTable {
  id: string;
  org_id: string;
  word: string;
  created_by: string;
  created_at: string;
}

export interface CommunityTables {
  community_profiles: CommunityProfileTable;
  community_follows: CommunityFollowTable;
  community_moderators: CommunityModeratorTable;
  community_posts: CommunityPostTable;
  community_spaces: CommunitySpaceTable;
  community_reports: CommunityReportTable;
  moderation_keywords: ModerationKeywordTable;
}
