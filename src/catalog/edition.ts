/**
 * The ISO/IEC 27001 edition ids are written in. `.isms.yml` `edition:` and a
 * document's `iso27001.edition` hold it as YAML writes it (`2013`, a number);
 * 2022 is the default.
 */
export type Edition = 2013 | 2022;

export const editions: readonly Edition[] = [2013, 2022];

export const defaultEdition: Edition = 2022;

/** The edition a YAML value names (`2013`, `"2022"`), or undefined for anything else. */
export function editionOf(value: unknown): Edition | undefined {
  const text = typeof value === 'number' || typeof value === 'string' ? String(value).trim() : '';
  return editions.find((edition) => String(edition) === text);
}
