/** The frameworks a policy may name under `maps_to`, and their ids. */
import { csf11Subcategories, getCsf11Subcategory } from './csf11.js';
import { clauses, controls, csfSubcategories, getClause, getControl, getCsfSubcategory } from './iso27001.js';

/**
 * Built-in frameworks for `maps_to`, by the key a policy uses: whether an id is
 * one of the framework's, exactly as written (maps-to-unknown explains the rest).
 */
export const builtInFrameworks: ReadonlyMap<string, (id: string) => boolean> = new Map([
  ['nist-csf-2.0', (id: string) => getCsfSubcategory(id) !== undefined],
  ['nist-csf-1.1', (id: string) => getCsf11Subcategory(id) !== undefined],
  ['iso27001-2022', (id: string) => getControl(id) !== undefined || getClause(id) !== undefined],
]);

// One array per framework, built once: suggestion caches are keyed by the list.
const idsByFramework: ReadonlyMap<string, readonly string[]> = new Map([
  ['nist-csf-2.0', csfSubcategories.map((entry) => entry.id)],
  ['nist-csf-1.1', csf11Subcategories.map((entry) => entry.id)],
  ['iso27001-2022', [...clauses.map((clause) => clause.id), ...controls.map((control) => control.id)]],
]);

export function knownIdsOf(framework: string): readonly string[] {
  return idsByFramework.get(framework) ?? [];
}
