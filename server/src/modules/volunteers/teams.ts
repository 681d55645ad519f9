import type { AppContext } from '../../kernel/context.js';
import type { Access } from '../../kernel/scope/access.js';
import { AppError, notFound } from '../../kernel/http/errors.js';
import { audit } from '../../kernel/audit/audit.js';
import { newId } from '../../kernel/db/ids.js';
import { nowIso } from '../../kernel/db/time.js';
import { cleanText } from '../../kernel/text/clean.js';
import * as orgs from '../orgs/service.js';
import * as store from './store.js';
import { toDto, type VolunteerDto } from './service.js';
import { VOLUNTEER_MANAGERS } from './policy.js';
import type { TeamRole, VolunteerTeamTable } from './tables.js';

/** Expert teams (专家服务团): per org, with members and leaders drawn from the org's approved volunteers. */

type TeamRow = NonNullable<Awaited<ReturnType<typeof store.findTeam>>>;

export interface TeamDto {
  id: string;
  orgId: string;
  org: { code: string; name: { zh: string; mn: string | null } };
  name: { zh: string; mn: string | null };
  field: string | null;
  members: number;
  leaders: number;
  createdAt: string;
  updatedAt: string;
}

const teamDto = (t: TeamRow, members: number, leaders: number): TeamDto => ({
  id: t.id,
  orgId: t.org_id,
  org: { code: t.org_code, name: { zh: t.org_name_zh, mn: t.org_name_mn } },
  name: { zh: t.name_zh, mn: t.name_mn },
  field: t.field,
  members,
  leaders,
  createdAt: t.created_at,
  updatedAt: t.updated_at,
});

export async function listTeams(ctx: AppContext, access: Access, q: { orgId?: string }): Promise<TeamDto[]> {
  const scope = access.scope(...VOLUNTEER_MANAGERS);
  const orgPath = q.orgId ? (await orgs.getOrg(ctx, access, q.orgId)).path : undefined;
  const rows = await store.listTeams(ctx.db.kysely, scope, orgPath);
  return rows.map((r) => teamDto(r, Number(r.members), Number(r.leaders ?? 0)));
}

async function loadTeam(ctx: AppContext, access: Access, id: string): Promise<TeamRow> {
  const t = await store.findTeam(ctx.db.kysely, id);
  if (!t) {
    access.requireUser();
    throw notFound();
  }
  access.authorize('volunteer.read', { orgPath: t.org_path }, { hide: true });
  return t;
}

export async function getTeam(ctx: AppContext, access: Access, id: string): Promise<TeamDto & { memberList: (VolunteerDto & { teamRole: TeamRole })[] }> {
  const t = await loadTeam(ctx, access, id);
  const members = await store.teamMembers(ctx.db.kysely, id);
  return {
    ...teamDto(t, members.length, members.filter((m) => m.team_role === 'leader').length),
    memberList: members.map((m) => ({ ...toDto(access, m), teamRole: m.team_role })),
  };
}

function cleanTeamName(zh: string | undefined, mn: string | null | undefined) {
  const nameZh = zh !== undefined ? cleanText(zh) : undefined;
  if (nameZh !== undefined && (!nameZh || nameZh.length > 200)) throw new AppError(400, 'volunteer.team_name', { max: 200 });
  return { nameZh, nameMn: mn === undefined ? undefined : mn ? cleanText(mn) || null : null };
}

export async function createTeam(ctx: AppContext, access: Access, input: { orgId: string; name: { zh: string; mn?: string | null }; field?: string | null }, ip: string | null) {
  const org = await orgs.getOrg(ctx, access, input.orgId);
  access.authorize('volunteer.manage', { orgPath: org.path });
  const { nameZh, nameMn } = cleanTeamName(input.name.zh, input.name.mn);
  const now = nowIso();
  const row: VolunteerTeamTable = { id: newId(), org_id: org.id, name_zh: nameZh!, name_mn: nameMn ?? null, field: input.field ? cleanText(input.field) || null : null, created_by: access.user.userId, created_at: now, updated_at: now };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await store.insertTeam(trx, row);
    await audit(trx, { actorId: access.user.userId, action: 'volunteer.team.create', entity: 'volunteer_team', entityId: row.id, orgId: org.id, after: { name: { zh: row.name_zh, mn: row.name_mn }, field: row.field }, ip });
  });
  return getTeam(ctx, access, row.id);
}

export async function updateTeam(ctx: AppContext, access: Access, id: string, input: { name?: { zh?: string; mn?: string | null }; field?: string | null }, ip: string | null) {
  const t = await loadTeam(ctx, access, id);
  access.authorize('volunteer.manage', { orgPath: t.org_path });
  const { nameZh, nameMn } = cleanTeamName(input.name?.zh, input.name?.mn);
  const patch: Partial<VolunteerTeamTable> = {};
  if (nameZh !== undefined) patch.name_zh = nameZh;
  if (nameMn !== undefined) patch.name_mn = nameMn;
  if (input.field !== undefined) patch.field = input.field ? cleanText(input.field) || null : null;
  if (Object.keys(patch).length) {
    patch.updated_at = nowIso();
    await ctx.db.kysely.transaction().execute(async (trx) => {
      await store.updateTeam(trx, id, patch);
      await audit(trx, { actorId: access.user.userId, action: 'volunteer.team.update', entity: 'volunteer_team', entityId: id, orgId: t.org_id, before: { name: { zh: t.name_zh, mn: t.name_mn }, field: t.field }, after: patch, ip });
    });
  }
  return getTeam(ctx, access, id);
}

/**
 * Adds a member (or changes their role): an approved volunteer whose org lies in the team org's
 * subtree, so a banner team draws on the banner's volunteers and a region team on everyone's.
 */
export async function setMember(ctx: AppContext, access: Access, teamId: string, volunteerId: string, role: TeamRole, ip: string | null) {
  const t = await loadTeam(ctx, access, teamId);
  access.authorize('volunteer.manage', { orgPath: t.org_path });
  const v = await store.findById(ctx.db.kysely, volunteerId);
  if (!v || !v.org_path.startsWith(t.org_path) || !access.can('volunteer.read', { orgPath: v.org_path })) throw new AppError(404, 'volunteer.not_in_team_org');
  if (v.status !== 'approved') throw new AppError(409, 'volunteer.not_approved');
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const before = await store.memberRole(trx, teamId, volunteerId);
    await store.upsertMember(trx, { team_id: teamId, volunteer_id: volunteerId, role, added_at: nowIso() });
    await audit(trx, { actorId: access.user.userId, action: 'volunteer.team.member', entity: 'volunteer_team', entityId: teamId, orgId: t.org_id, before: before ? { volunteerId, role: before } : undefined, after: { volunteerId, role }, ip });
  });
  return getTeam(ctx, access, teamId);
}

export async function removeMember(ctx: AppContext, access: Access, teamId: string, volunteerId: string, ip: string | null) {
  const t = await loadTeam(ctx, access, teamId);
  access.authorize('volunteer.manage', { orgPath: t.org_path });
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if ((await store.deleteMember(trx, teamId, volunteerId)) === 0) throw notFound();
    await audit(trx, { actorId: access.user.userId, action: 'volunteer.team.remove', entity: 'volunteer_team', entityId: teamId, orgId: t.org_id, before: { volunteerId }, ip });
  });
  return getTeam(ctx, access, teamId);
}
