import type { ListDef } from '../fields.js';
import { academicEvents } from './academic-events.js';
import { competitions } from './competitions.js';
import { delegates } from './delegates.js';
import { demands } from './demands.js';
import { govFunctions } from './gov-functions.js';
import { grassroots } from './grassroots.js';
import { heads } from './heads.js';
import { reformTasks } from './reform-tasks.js';
import { serviceStations } from './service-stations.js';
import { societies, societyMeetings } from './societies.js';
import { talent } from './talent.js';
import { workstations } from './workstations.js';

export { academicEvents, competitions, delegates, demands, govFunctions, grassroots, heads, reformTasks, serviceStations, societies, societyMeetings, talent, workstations };

/** Every list of the registry, in the order the index page shows them. */
export const LISTS: readonly ListDef[] = [
  societies,
  societyMeetings,
  grassroots,
  heads,
  reformTasks,
  govFunctions,
  talent,
  workstations,
  serviceStations,
  demands,
  competitions,
  academicEvents,
  delegates,
];

const BY_KEY = new Map(LISTS.map((l) => [l.key, l]));

/** The list with this key, or undefined. */
export const listByKey = (key: string): ListDef | undefined => BY_KEY.get(key);
