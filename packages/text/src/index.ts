/** @gerel/text — bilingual text for search. */
export {};
