export const AVAILABILITIES = ['available', 'busy', 'unavailable'] as const;
export type Availability = (typeof AVAILABILITIES)[number];

/** An expert of the think-tank pool (科技智库专家库), attached to an org. */
export interface ExpertTable {
  id: string;
  org_id: string;
  name: string;
  /** Professional title (正高级工程师…) and workplace, as written. */
  title: string | null;
  workplace: string | null;
  /** JSON array of fields of expertise ("草原生态", "蒙医药"). */
  fields: string;
  /** Comma-separated languages the expert writes in: "mn,zh". */
  languages: string;
  availability: Availability;
  bio: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** A symposium (座谈会) of an org, to which experts are invited and which gathers suggestions. */
export interface SymposiumTable {
  id: string;
  org_id: string;
  title: string;
  topic: string | null;
  held_on: string;
  place: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export const INVITATION_STATUSES = ['invited', 'accepted', 'declined'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export interface SymposiumInvitationTable {
  symposium_id: string;
  expert_id: string;
  org_id: string;
  status: InvitationStatus;
  invited_by: string;
  invited_at: string;
  answered_at: string | null;
}

export const SUGGESTION_STAGES = ['received', 'under_review', 'forwarded', 'adopted', 'partly_adopted', 'not_adopted'] as const;
export type SuggestionStage = (typeof SUGGESTION_STAGES)[number];
/** Where each stage may go; the last three are final. */
export const NEXT_STAGES: Record<SuggestionStage, readonly SuggestionStage[]> = {
  received: ['under_review', 'not_adopted'],
  under_review: ['forwarded', 'not_adopted'],
  forwarded: ['adopted', 'partly_adopted', 'not_adopted'],
  adopted: [],
  partly_adopted: [],
  not_adopted: [],
};
export const SUGGESTION_CATEGORIES = ['economy', 'ecology', 'agriculture', 'health', 'education', 'industry', 'talent', 'governance', 'other'] as const;
export type SuggestionCategory = (typeof SUGGESTION_CATEGORIES)[number];
/** The level of the leader's instruction (批示) on an adopted suggestion. */
export const INSTRUCTION_LEVELS = ['national', 'regional', 'league', 'banner'] as const;
export type InstructionLevel = (typeof INSTRUCTION_LEVELS)[number];

/** A policy suggestion (建言献策) by a member, in Chinese or Mongolian, tracked to its adoption. */
export interface SuggestionTable {
  id: string;
  /** The org it was submitted to (its admins and organisers handle it). */
  org_id: string;
  author_id: string;
  author_name: string;
  lang: 'zh' | 'mn';
  title: string;
  body: string;
  category: SuggestionCategory;
  symposium_id: string | null;
  stage: SuggestionStage;
  /** The body it was forwarded to (自治区党委政府…). */
  forwarded_to: string | null;
  adopting_body: string | null;
  adopted_on: string | null;
  instruction_level: InstructionLevel | null;
  /** The evidence of adoption: document number and title, or where it is filed. */
  evidence: string | null;
  created_at: string;
  updated_at: string;
}

/** Each stage a suggestion went through, with who moved it and why: what the author sees. */
export interface SuggestionStageTable {
  id: string;
  suggestion_id: string;
  org_id: string;
  stage: SuggestionStage;
  note: string | null;
  actor_id: string;
  at: string;
}

export const ATTACHMENT_PURPOSES = ['attachment', 'evidence'] as const;
export type AttachmentPurpose = (typeof ATTACHMENT_PURPOSES)[number];

/** A file of a suggestion: the author's attachment, or the evidence of its adoption (PDF, DOCX, image). */
export interface SuggestionFileTable {
  id: string;
  suggestion_id: string;
  org_id: string;
  purpose: AttachmentPurpose;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  uploaded_by: string;
  at: string;
}

export const QUESTION_KINDS = ['single', 'multiple', 'text', 'number'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export const SURVEY_STATUSES = ['open', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

/** A needs survey (企业技术需求, 科技工作者需求): its questions as JSON, answered through a public link. */
export interface SurveyTable {
  id: string;
  org_id: string;
  title: string;
  description: string | null;
  /** JSON array of Question (see surveys.ts). */
  questions: string;
  /** Secret part of the public link and its QR code. */
  public_key: string;
  status: SurveyStatus;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** One response, keyed by the respondent's device nonce so a resubmission counts once. */
export interface SurveyResponseTable {
  survey_id: string;
  nonce: string;
  org_id: string;
  /** JSON object: question id → answer. */
  answers: string;
  at: string;
}

export interface ThinktankTables {
  tt_experts: ExpertTable;
  tt_symposiums: SymposiumTable;
  tt_invitations: SymposiumInvitationTable;
  tt_suggestions: SuggestionTable;
  tt_suggestion_stages: SuggestionStageTable;
  tt_suggestion_files: SuggestionFileTable;
  tt_surveys: SurveyTable;
  tt_survey_responses: SurveyResponseTable;
}
