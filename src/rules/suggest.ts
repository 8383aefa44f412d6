/**
 * "Did you mean" for ids: the nearest real control or clause for an unknown one.
 * Ids are compared by their numbers first (A.5.99 -> the last control of A.5),
 * then by spelling.
 */
import { clauses, controls, getClause, getControl, legacyReplacement } from '../catalog/index.js';
import { nearest } from '../model/nearest.js';

const controlIds = controls.map((control) => control.id);
const clauseIds = clauses.map((clause) => clause.id);

/** Normalises spelling variants people write (`a.5.15`, `A5.15`, `A 5.15`) to `A.5.15`. */
export function normaliseControlSpelling(value: string): string {
  const match = /^a\s*\.?\s*(\d+)\.(\d+(?:\.\d+)?)$/i.exec(value.trim());
  return match ? `A.${match[1]}.${match[2]}` : value.trim();
}

export function nearestControl(value: string): string | undefined {
  const normal = normaliseControlSpelling(value);
  if (getControl(normal)) return normal;
  const match = /^A\.(\d+)\.(\d+)/.exec(normal);
  if (match) {
    const section = controlIds.filter((id) => id.startsWith(`A.${match[1]}.`));
    if (section.length > 0) {
      const wanted = Number(match[2]);
      let best = section[0]!;
      for (const id of section) {
        if (Math.abs(Number(id.split('.')[2]) - wanted) < Math.abs(Number(best.split('.')[2]) - wanted)) best = id;
      }
      return best;
    }
  }
  return nearest(normal, controlIds);
}

export function nearestClause(value: string): string | undefined {
  const trimmed = value.trim().replace(/^(clause|cl\.?)\s*/i, '');
  if (getClause(trimmed)) return trimmed;
  const parts = trimmed.split('.');
  // Walk up: 9.2.7 -> 9.2, a real parent is the nearest meaningful clause.
  while (parts.length > 1) {
    parts.pop();
    const parent = parts.join('.');
    if (getClause(parent)) return parent;
  }
  return nearest(trimmed, clauseIds);
}

/** What an id written in a clause list really is, when it is not a clause. */
export function clauseAsControl(value: string): string | undefined {
  const trimmed = value.trim();
  if (getControl(`A.${trimmed}`)) return `A.${trimmed}`;
  const normal = normaliseControlSpelling(trimmed);
  if (getControl(normal)) return normal;
  return undefined;
}

export function formatIds(ids: readonly string[]): string {
  return ids.map((id) => `\`${id}\``).join(', ');
}

export { legacyReplacement };
