/**
 * "Did you mean" for ids: the nearest real clause for an unknown one, and hints
 * for control ids. An unknown control never gets a nearest control by number
 * (A.5.99 is not A.5.37): control ids are read by readControlId (src/catalog),
 * which names a control only when the fix is certain.
 */
import { clauses, controls, getClause, getControl, legacyReplacement } from '../catalog/index.js';
import { nearest } from '../model/nearest.js';

const controlIds = controls.map((control) => control.id);
const clauseIds = clauses.map((clause) => clause.id);

/** Annex A themes by number (`5` for A.5.x): their ids and control numbers, worked out once. */
const controlsBySection = new Map<string, Array<{ id: string; number: number }>>();
for (const id of controlIds) {
  const [, section, number] = id.split('.');
  const list = controlsBySection.get(section!) ?? [];
  list.push({ id, number: Number(number) });
  controlsBySection.set(section!, list);
}

/**
 * Suggestions remembered per id as written: a file may repeat one unknown id
 * thousands of times. Bounded, so distinct ids cannot grow it without end.
 */
function remembered(compute: (value: string) => string | undefined): (value: string) => string | undefined {
  const answers = new Map<string, string | undefined>();
  return (value) => {
    if (answers.has(value)) return answers.get(value);
    const answer = compute(value);
    if (answers.size >= 4096) answers.clear();
    // Long values are never ids worth remembering (and must not be held on to).
    if (value.length <= 64) answers.set(value, answer);
    return answer;
  };
}

/** Normalises spelling variants people write (`a.5.15`, `A5.15`, `A 5.15`) to `A.5.15`. */
export function normaliseControlSpelling(value: string): string {
  const match = /^a\s*\.?\s*(\d+)\.(\d+(?:\.\d+)?)$/i.exec(value.trim());
  return match ? `A.${match[1]}.${match[2]}` : value.trim();
}

export const nearestClause = remembered((value: string): string | undefined => {
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
});

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

/**
 * A hint for an Annex A-shaped id past the end of its theme (`A.5.99`): the
 * theme's range, never a guessed control (a near number is a different control).
 */
export function themeRangeHint(value: string): string | undefined {
  const match = /^(?:a\s*\.?\s*)?(\d+)\.\d+$/i.exec(value.trim());
  const section = match ? controlsBySection.get(String(Number(match[1]))) : undefined;
  if (!section) return undefined;
  return `Annex A ${Number(match![1])} runs from \`${section[0]!.id}\` to \`${section[section.length - 1]!.id}\``;
}

/**
 * A hint for a clause-shaped id that is not a clause: what the real clause it
 * starts with has (`9.2.7`: 9.2 has 9.2.1, 9.2.2; `5.2.zz`: an item is one letter).
 */
export function clauseShapeHint(value: string): string | undefined {
  const match = /^(\d{1,2}(?:\.\d{1,2}){0,2})(?:[.\s(]+(.*))?$/.exec(value.trim());
  if (!match) return undefined;
  const parts = match[1]!.split('.');
  const rest = match[2];
  if (rest !== undefined && getClause(match[1]!)) return `an item of clause ${match[1]} is one letter, written \`${match[1]} a)\``;
  while (parts.length > 1) {
    parts.pop();
    const parent = parts.join('.');
    if (!getClause(parent)) continue;
    const children = clauseIds.filter((id) => id.startsWith(`${parent}.`) && id.split('.').length === parent.split('.').length + 1);
    return children.length > 0 ? `clause ${parent} has ${children.map((id) => `\`${id}\``).join(', ')}` : `clause ${parent} has no sub-clauses`;
  }
  return undefined;
}
