/**
 * Every rule, in the order the README documents them. One file per rule id:
 * `src/rules/<rule-id>.ts`.
 */
import { approvalMissing } from './approval-missing.js';
import { clauseUncovered } from './clause-uncovered.js';
import { clauseUnknown } from './clause-unknown.js';
import { controlCitedNotMapped } from './control-cited-not-mapped.js';
import { controlExcludedButMapped } from './control-excluded-but-mapped.js';
import { controlLegacy } from './control-legacy.js';
import { controlUncovered } from './control-uncovered.js';
import { controlUnknown } from './control-unknown.js';
import { dateInvalid } from './date-invalid.js';
import { fieldInvalid } from './field-invalid.js';
import { fieldMissing } from './field-missing.js';
import { fieldUnknown } from './field-unknown.js';
import { fileTooLarge } from './file-too-large.js';
import { frontMatterInvalid } from './front-matter-invalid.js';
import { frontMatterMissing } from './front-matter-missing.js';
import { historyInvalid } from './history-invalid.js';
import { idDuplicate } from './id-duplicate.js';
import { linkBroken } from './link-broken.js';
import { mappingMissing } from './mapping-missing.js';
import { mapsToUnknown } from './maps-to-unknown.js';
import { nextReviewInconsistent } from './next-review-inconsistent.js';
import { ownerInvalid } from './owner-invalid.js';
import { roleUndefined } from './role-undefined.js';
import { ownerMissing } from './owner-missing.js';
import { placeholderLeft } from './placeholder-left.js';
import { referenceUnknown } from './reference-unknown.js';
import { reviewDateFuture } from './review-date-future.js';
import { reviewDateMissing } from './review-date-missing.js';
import { reviewDueSoon } from './review-due-soon.js';
import { reviewOverdue } from './review-overdue.js';
import { sectionMissing } from './section-missing.js';
import { soaControlMissing } from './soa-control-missing.js';
import { soaInvalid } from './soa-invalid.js';
import { soaImplementationMissing } from './soa-implementation-missing.js';
import { soaJustificationMissing } from './soa-justification-missing.js';
import { supersededInForce } from './superseded-in-force.js';
import type { Rule } from './types.js';

export const rules: readonly Rule[] = [
  frontMatterMissing,
  frontMatterInvalid,
  fileTooLarge,
  fieldMissing,
  fieldInvalid,
  fieldUnknown,
  idDuplicate,
  mappingMissing,
  clauseUnknown,
  controlUnknown,
  controlLegacy,
  controlCitedNotMapped,
  ownerMissing,
  ownerInvalid,
  roleUndefined,
  reviewDateMissing,
  dateInvalid,
  historyInvalid,
  reviewDateFuture,
  reviewOverdue,
  reviewDueSoon,
  nextReviewInconsistent,
  approvalMissing,
  mapsToUnknown,
  sectionMissing,
  placeholderLeft,
  linkBroken,
  referenceUnknown,
  supersededInForce,
  soaInvalid,
  soaJustificationMissing,
  soaImplementationMissing,
  soaControlMissing,
  controlUncovered,
  controlExcludedButMapped,
  clauseUncovered,
];

export const ruleIds: readonly string[] = rules.map((rule) => rule.id);

export function getRule(id: string): Rule | undefined {
  return rules.find((rule) => rule.id === id);
}
