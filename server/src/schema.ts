/**
 * The typed shape of every table, composed from the kernel and the modules. Each module owns its
 * tables (its store.ts is the only code that queries them); this file only gathers the types.
 */
import type { KernelTables } from './kernel/db/kernel-tables.js';
import type { OrgTables } from './modules/orgs/tables.js';
import type { UserTables } from './modules/users/tables.js';
import type { ContentTables } from './modules/content/tables.js';
import type { SearchTables } from './kernel/search/tables.js';
import type { MediaTables } from './modules/media/tables.js';
import type { StationTables } from './modules/stations/tables.js';
import type { OfficerTables } from './modules/officers/tables.js';
import type { EventTables } from './modules/events/tables.js';
import type { VolunteerTables } from './modules/volunteers/tables.js';
import type { ActivityTables } from './modules/activities/tables.js';
import type { RegistryTables } from './modules/registry/tables.js';
import type { CommunityTables } from './modules/community/tables.js';
import type { MessagingTables } from './modules/messaging/tables.js';
import type { TranslationTables } from './modules/translation/tables.js';
import type { ThinktankTables } from './modules/thinktank/tables.js';
import type { OfficeTables } from './modules/office/tables.js';

export interface Database extends KernelTables, OrgTables, UserTables, ContentTables, SearchTables, MediaTables, StationTables, OfficerTables, EventTables, RegistryTables, VolunteerTables, ActivityTables, MessagingTables, CommunityTables, TranslationTables, ThinktankTables, OfficeTables {}
