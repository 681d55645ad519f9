import { randomUUID } from 'node:crypto';

/** Row ids are random UUIDs: safe to create on any process without coordination. */
export const newId = (): string => randomUUID();
