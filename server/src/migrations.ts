import type { Migrations } from './kernel/db/migrate.js';
import { kernelMigrations } from './kernel/db/kernel-migrations.js';
import { orgMigrations } from './modules/orgs/migrations/index.js';
import { userMigrations } from './modules/users/migrations/index.js';
import { contentMigrations } from './modules/content/migrations/index.js';
import { searchMigrations } from './kernel/search/migrations.js';
import { mediaMigrations } from './modules/media/migrations/index.js';
import { stationMigrations } from './modules/stations/migrations/index.js';
import { officerMigrations } from './modules/officers/migrations/index.js';
import { eventMigrations } from './modules/events/migrations/index.js';
import { volunteerMigrations } from './modules/volunteers/migrations/index.js';
import { activityMigrations } from './modules/activities/migrations/index.js';
import { registryMigrations } from './modules/registry/migrations/index.js';
import { communityMigrations } from './modules/community/migrations/index.js';
import { messagingMigrations } from './modules/messaging/migrations/index.js';
import { translationMigrations } from './modules/translation/migrations/index.js';
import { thinktankMigrations } from './modules/thinktank/migrations/index.js';
import { officeMigrations } from './modules/office/migrations/index.js';

/** Every module's migrations; names sort by date, so they run in the order they were written. */
export const allMigrations: Migrations = { ...kernelMigrations, ...orgMigrations, ...userMigrations, ...searchMigrations, ...contentMigrations, ...mediaMigrations, ...stationMigrations, ...officerMigrations, ...eventMigrations, ...registryMigrations, ...volunteerMigrations, ...activityMigrations, ...messagingMigrations, ...communityMigrations, ...translationMigrations, ...thinktankMigrations, ...officeMigrations };
