import { sql, type Kysely } from 'kysely';

/**
 * A revision per conversation: every insert, edit, delete and review takes the next number, so a
 * client that resumes with the last revision it saw gets every message changed since (not only the
 * new ones). Existing messages start at their own id (no change since they were written).
 */
export const chatRevisions = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('chat_conversations').addColumn('last_rev', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('chat_messages').addColumn('rev', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await sql`update chat_messages set rev = seq`.execute(db);
    await sql`update chat_conversations set last_rev = last_seq`.execute(db);
    await db.schema.createIndex('chat_messages_rev').on('chat_messages').columns(['conversation_id', 'rev']).execute();
  },
};
