import type { Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/migrate.js';
import { chatRevisions } from './20261203_1000_chat_revisions.js';

export const messagingMigrations: Migrations = {
  '20261128_2200_messaging': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('chat_conversations')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('org_id', 'varchar(36)', (c) => c.notNull().references('orgs.id'))
        .addColumn('title', 'varchar(200)')
        .addColumn('include_subtree', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('unique_key', 'varchar(100)', (c) => c.unique())
        .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('chat_conversations_org').on('chat_conversations').columns(['org_id', 'kind']).execute();
      await db.schema
        .createTable('chat_members')
        .addColumn('conversation_id', 'varchar(36)', (c) => c.notNull().references('chat_conversations.id'))
        .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('role', 'varchar(16)', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('last_read_seq', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('joined_at', 'varchar(30)', (c) => c.notNull())
        .addPrimaryKeyConstraint('chat_members_pk', ['conversation_id', 'user_id'])
        .execute();
      await db.schema.createIndex('chat_members_user').on('chat_members').columns(['user_id', 'conversation_id']).execute();
      await db.schema
        .createTable('chat_messages')
        .addColumn('conversation_id', 'varchar(36)', (c) => c.notNull().references('chat_conversations.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('sender_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('lang', 'varchar(8)', (c) => c.notNull())
        .addColumn('reply_to', 'integer')
        .addColumn('mentions_json', 'text', (c) => c.notNull())
        .addColumn('attachments_json', 'text', (c) => c.notNull())
        .addColumn('tokens', 'text', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('edited_at', 'varchar(30)')
        .addPrimaryKeyConstraint('chat_messages_pk', ['conversation_id', 'seq'])
        .execute();
      // The rate limit counts a sender's recent messages.
      await db.schema.createIndex('chat_messages_sender').on('chat_messages').columns(['sender_id', 'created_at']).execute();
    },
  },
  '20261203_1000_chat_revisions': chatRevisions,
};
