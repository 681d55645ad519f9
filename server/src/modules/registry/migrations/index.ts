import type { CreateTableBuilder, Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/migrate.js';

// Written out column by column and frozen once released: a later change of a list definition gets
// its own migration. registry.test.ts checks that every list's table has exactly its fields.

type T = CreateTableBuilder<string, never>;

/** id and the owning org, first in every list table. */
const head = (t: T) =>
  t.addColumn('id', 'varchar(36)', (c) => c.primaryKey()).addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'));

/** Who created and last changed the row, and when; last in every list table. */
const stamps = (t: T) =>
  t
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)')
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_by', 'varchar(36)');

async function table(db: Kysely<unknown>, name: string, columns: (t: T) => T, opts: { unique?: string[]; index?: string[] } = {}) {
  await stamps(columns(head(db.schema.createTable(name) as T))).execute();
  await db.schema.createIndex(`${name}_org`).on(name).column('org_id').execute();
  if (opts.unique) await db.schema.createIndex(`${name}_key`).unique().on(name).columns(opts.unique).execute();
  if (opts.index) await db.schema.createIndex(`${name}_by`).on(name).columns(opts.index).execute();
}

export const registryMigrations: Migrations = {
  '20261201_1100_registry': {
    async up(db: Kysely<unknown>) {
      await table(
        db,
        'reg_societies',
        (t) =>
          t
            .addColumn('members', 'integer', (c) => c.notNull())
            .addColumn('unit_members', 'integer')
            .addColumn('supervisor', 'varchar(200)')
            .addColumn('party_org', 'varchar(32)', (c) => c.notNull())
            .addColumn('secretary_general', 'varchar(100)')
            .addColumn('phone', 'varchar(32)')
            .addColumn('notes', 'text'),
        { unique: ['org_id'] },
      );
      await table(db, 'reg_society_meetings', (t) =>
        t
          .addColumn('year', 'integer', (c) => c.notNull())
          .addColumn('kind', 'varchar(32)', (c) => c.notNull())
          .addColumn('held_on', 'varchar(10)', (c) => c.notNull())
          .addColumn('attendance', 'integer')
          .addColumn('place', 'varchar(200)')
          .addColumn('notes', 'text'),
      );
      await table(
        db,
        'reg_grassroots',
        (t) =>
          t
            .addColumn('name', 'varchar(200)', (c) => c.notNull())
            .addColumn('kind', 'varchar(32)', (c) => c.notNull())
            .addColumn('founded_on', 'varchar(10)', (c) => c.notNull())
            .addColumn('members', 'integer')
            .addColumn('leader', 'varchar(100)')
            .addColumn('phone', 'varchar(32)')
            .addColumn('notes', 'text'),
        { unique: ['org_id', 'name'], index: ['founded_on'] },
      );
      await table(db, 'reg_heads', (t) =>
        t
          .addColumn('person', 'varchar(100)', (c) => c.notNull())
          .addColumn('institution_kind', 'varchar(32)', (c) => c.notNull())
          .addColumn('institution', 'varchar(200)', (c) => c.notNull())
          .addColumn('post', 'varchar(100)', (c) => c.notNull())
          .addColumn('appointed_on', 'varchar(10)')
          .addColumn('phone', 'varchar(32)')
          .addColumn('id_number', 'varchar(18)'),
      );
      await table(
        db,
        'reg_reform_tasks',
        (t) =>
          t
            .addColumn('task_no', 'varchar(32)', (c) => c.notNull())
            .addColumn('title', 'varchar(300)', (c) => c.notNull())
            .addColumn('status', 'varchar(32)', (c) => c.notNull())
            .addColumn('progress', 'integer')
            .addColumn('due_on', 'varchar(10)')
            .addColumn('completed_on', 'varchar(10)')
            .addColumn('evidence', 'text'),
        { unique: ['org_id', 'task_no'] },
      );
      await table(
        db,
        'reg_gov_functions',
        (t) =>
          t
            .addColumn('function_name', 'varchar(200)', (c) => c.notNull())
            .addColumn('department', 'varchar(200)', (c) => c.notNull())
            .addColumn('kind', 'varchar(32)', (c) => c.notNull())
            .addColumn('taken_over_on', 'varchar(10)')
            .addColumn('status', 'varchar(32)', (c) => c.notNull())
            .addColumn('notes', 'text'),
        { unique: ['org_id', 'function_name', 'department'] },
      );
      await table(db, 'reg_talent', (t) =>
        t
          .addColumn('candidate', 'varchar(100)', (c) => c.notNull())
          .addColumn('workplace', 'varchar(200)')
          .addColumn('speciality', 'varchar(100)')
          .addColumn('programme', 'varchar(32)', (c) => c.notNull())
          .addColumn('year', 'integer', (c) => c.notNull())
          .addColumn('stage', 'varchar(32)', (c) => c.notNull())
          .addColumn('result', 'varchar(32)')
          .addColumn('notes', 'text'),
      );
      await table(
        db,
        'reg_workstations',
        (t) =>
          t
            .addColumn('name', 'varchar(200)', (c) => c.notNull())
            .addColumn('kind', 'varchar(32)', (c) => c.notNull())
            .addColumn('host', 'varchar(200)', (c) => c.notNull())
            .addColumn('established_on', 'varchar(10)')
            .addColumn('lead_expert', 'varchar(100)')
            .addColumn('experts', 'integer')
            .addColumn('projects', 'integer')
            .addColumn('notes', 'text'),
        { unique: ['org_id', 'name'] },
      );
      await table(
        db,
        'reg_service_stations',
        (t) =>
          t
            .addColumn('name', 'varchar(200)', (c) => c.notNull())
            .addColumn('host', 'varchar(200)', (c) => c.notNull())
            .addColumn('established_on', 'varchar(10)')
            .addColumn('firms_served', 'integer')
            .addColumn('cases', 'integer')
            .addColumn('benefit', 'double precision')
            .addColumn('notes', 'text'),
        { unique: ['org_id', 'name'] },
      );
      await table(
        db,
        'reg_demands',
        (t) =>
          t
            .addColumn('enterprise', 'varchar(200)', (c) => c.notNull())
            .addColumn('title', 'varchar(300)', (c) => c.notNull())
            .addColumn('description', 'text')
            .addColumn('posted_on', 'varchar(10)', (c) => c.notNull())
            .addColumn('status', 'varchar(32)', (c) => c.notNull())
            .addColumn('experts', 'varchar(300)')
            .addColumn('solved_on', 'varchar(10)')
            .addColumn('cost_saved', 'double precision')
            .addColumn('contact', 'varchar(100)')
            .addColumn('phone', 'varchar(32)'),
        { index: ['status'] },
      );
      await table(
        db,
        'reg_competitions',
        (t) =>
          t
            .addColumn('competition', 'varchar(32)', (c) => c.notNull())
            .addColumn('year', 'integer', (c) => c.notNull())
            .addColumn('entry_title', 'varchar(200)', (c) => c.notNull())
            .addColumn('participant', 'varchar(100)', (c) => c.notNull())
            .addColumn('birth_date', 'varchar(10)', (c) => c.notNull())
            .addColumn('school', 'varchar(200)')
            .addColumn('guardian', 'varchar(100)')
            .addColumn('guardian_consent', 'integer')
            .addColumn('consent_on', 'varchar(10)')
            .addColumn('stage', 'varchar(32)', (c) => c.notNull())
            .addColumn('score', 'double precision')
            .addColumn('award_level', 'varchar(32)')
            .addColumn('award_grade', 'varchar(32)'),
        { index: ['competition', 'year'] },
      );
      await table(db, 'reg_academic_events', (t) =>
        t
          .addColumn('name', 'varchar(200)', (c) => c.notNull())
          .addColumn('kind', 'varchar(32)', (c) => c.notNull())
          .addColumn('starts_on', 'varchar(10)', (c) => c.notNull())
          .addColumn('ends_on', 'varchar(10)')
          .addColumn('place', 'varchar(200)')
          .addColumn('sessions', 'integer')
          .addColumn('papers', 'integer')
          .addColumn('attendees', 'integer')
          .addColumn('notes', 'text'),
      );

      // Every change of every list: the row as it was and as it became (personal data masked).
      await db.schema
        .createTable('registry_history')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('list', 'varchar(32)', (c) => c.notNull())
        .addColumn('row_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('action', 'varchar(16)', (c) => c.notNull())
        .addColumn('before_json', 'text')
        .addColumn('after_json', 'text')
        .addColumn('actor_id', 'varchar(36)')
        .addColumn('at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('registry_history_row').on('registry_history').columns(['list', 'row_id', 'at']).execute();

      // Progress of an import, readable by the person who started it from any process.
      await db.schema
        .createTable('registry_import_jobs')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('list', 'varchar(32)', (c) => c.notNull())
        .addColumn('user_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('phase', 'varchar(16)', (c) => c.notNull())
        .addColumn('bytes_total', 'integer', (c) => c.notNull())
        .addColumn('bytes_read', 'integer', (c) => c.notNull())
        .addColumn('rows_read', 'integer', (c) => c.notNull())
        .addColumn('problems', 'integer', (c) => c.notNull())
        .addColumn('created', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('registry_import_jobs_at').on('registry_import_jobs').column('created_at').execute();
    },
  },
  // The 13th list: delegates to the congress, for the work report's composition figures (issue 8).
  '20261202_0900_registry_delegates': {
    async up(db: Kysely<unknown>) {
      await table(
        db,
        'reg_delegates',
        (t) =>
          t
            .addColumn('congress', 'varchar(100)', (c) => c.notNull())
            .addColumn('elected_on', 'varchar(10)', (c) => c.notNull())
            .addColumn('name', 'varchar(100)', (c) => c.notNull())
            .addColumn('gender', 'varchar(32)', (c) => c.notNull())
            .addColumn('ethnicity', 'varchar(32)', (c) => c.notNull())
            .addColumn('age_band', 'varchar(32)', (c) => c.notNull())
            .addColumn('sector', 'varchar(32)', (c) => c.notNull())
            .addColumn('workplace', 'varchar(200)')
            .addColumn('notes', 'text'),
        { index: ['elected_on'] },
      );
    },
  },
};
