/** @gerel/mongol — the Traditional Mongolian script library (see README.md). */
export const SCRIPT_RANGE = { first: 0x1800, last: 0x18af } as const;
