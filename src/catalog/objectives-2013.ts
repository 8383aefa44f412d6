/**
 * The control objectives of ISO/IEC 27001:2013 Annex A (`A.9.1`, `A.16.1`): each
 * stands for the controls numbered under it, so an objective cited as a control
 * means those controls, and its 2022 successors are theirs. Derived from the
 * 2013 control ids (`A.x.y` from `A.x.y.z`); the reference gives no objective
 * headings, so none are invented here.
 */
import { legacyControls, legacyReplacement } from './iso27001.js';

export interface LegacyObjective {
  /** `A.9.1` */
  id: string;
  /** The 2013 domain it belongs to, as the reference names it (`A.9 Access control`). */
  domain: string;
  /** Its 2013 controls, in order. */
  controls: readonly string[];
  /** The 2022 successors of its controls: in order, each once. */
  successors: readonly string[];
}

function objectiveOf(controlId: string): string {
  return controlId.split('.').slice(0, 3).join('.');
}

function buildObjectives(): LegacyObjective[] {
  const byId = new Map<string, { domain: string; controls: string[] }>();
  for (const control of legacyControls) {
    const id = objectiveOf(control.id);
    const entry = byId.get(id) ?? { domain: control.domain, controls: [] };
    entry.controls.push(control.id);
    byId.set(id, entry);
  }
  return [...byId].map(([id, { domain, controls }]) => ({
    id,
    domain,
    controls,
    successors: [...new Set(controls.flatMap((control) => legacyReplacement(control) ?? []))],
  }));
}

export const legacyObjectives: readonly LegacyObjective[] = buildObjectives();

const objectiveById = new Map(legacyObjectives.map((objective) => [objective.id, objective]));

export function getLegacyObjective(id: string): LegacyObjective | undefined {
  return objectiveById.get(id);
}
