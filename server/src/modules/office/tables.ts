export const DOC_KINDS = ['notice', 'letter'] as const;
export type DocKind = (typeof DOC_KINDS)[number];
export const DOC_LAYOUTS = ['zh', 'bilingual'] as const;
export type DocLayout = (typeof DOC_LAYOUTS)[number];
/** drafting → pending_review → pending_signature → approved → issued; a return goes back to drafting. */
export const DOC_STATUSES = ['drafting', 'pending_review', 'pending_signature', 'approved', 'issued'] as const;
export type DocStatus = (typeof DOC_STATUSES)[number];

export interface ApprovalStep {
  step: 'review' | 'sign';
  by: string;
  byName: string;
  approve: boolean;
  note: string | null;
  at: string;
}

/** An official document (公文) of an org: drafted, approved along a chain, issued with a register number. */
export interface OfficeDocumentTable {
  id: string;
  org_id: string;
  kind: DocKind;
  layout: DocLayout;
  /** The issuing org's name as printed in the red header. */
  issuer_zh: string;
  issuer_mn: string | null;
  /** The agency code of the document number, e.g. 内科协发 (→ 内科协发〔2026〕3号). */
  number_prefix: string;
  year: number | null;
  seq: number | null;
  title_zh: string;
  title_mn: string | null;
  /** Plain text, paragraphs separated by blank lines. */
  body_zh: string;
  body_mn: string | null;
  /** The recipient line (主送机关). */
  recipients: string | null;
  attachments_json: string;
  approvals_json: string;
  status: DocStatus;
  created_by: string;
  issued_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface OfficeTables {
  office_documents: OfficeDocumentTable;
}
