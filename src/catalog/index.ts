/**
 * The frameworks isms-as-code knows, as typed data, and the readers that
 * classify ids as people write them. Ids and short titles only, never a
 * standard's text. Each module indexes one verified reference file (kept
 * beside it with its sources and notes) or reads one kind of id.
 */
export * from './iso27001.js';
export * from './frameworks.js';
export * from './edition.js';
export * from './iso27001-2013-clauses.js';
export * from './objectives-2013.js';
export * from './new-in-2022.js';
export * from './csf11.js';
export * from './control-notation.js';
export * from './clause-notation.js';
export * from './csf-notation.js';
