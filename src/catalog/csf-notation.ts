/**
 * What a user wrote under `maps_to: nist-csf-2.0` or `nist-csf-1.1`, classified
 * against both versions of the NIST Cybersecurity Framework. Pure and data-driven.
 *
 * Precedence under `nist-csf-2.0`: a real CSF 1.1 id that NIST withdrew is
 * that 1.1 subcategory and maps to its successors from NIST's mapping, however
 * written (`PR.AC-4`, `PR.AC-04`); it is never a zero-padding guess. Otherwise a
 * 2.0 id written without its zero or in another case (`GV.OC-1`, `gv.oc-01`) is
 * that 2.0 id; a retained 1.1 id (`ID.AM-1`) is the same id zero-padded, which
 * NIST keeps. After zero-padding, the only strings that are both a 1.1 id and an
 * active 2.0 id are the retained ones, so this reading is never ambiguous.
 */
import { getCsf11Subcategory } from './csf11.js';
import { getCsfSubcategory } from './iso27001.js';

export type CsfFramework = 'nist-csf-1.1' | 'nist-csf-2.0';

export type CsfReading =
  /** An exact id of the framework it is written under. */
  | { kind: 'subcategory'; framework: CsfFramework; id: string; written: string }
  /** An id of that framework written loosely (case, zero padding): the fix is `id`. `retained11`: a retained CSF 1.1 id under 2.0. */
  | { kind: 'loose'; framework: CsfFramework; id: string; written: string; retained11?: true }
  /** Under `nist-csf-2.0`: a CSF 1.1 id NIST withdrew, with its 2.0 successors (empty when NIST names only a category). */
  | {
      kind: 'withdrawn';
      id11: string;
      title: string;
      relationship: string;
      successors: readonly string[];
      successorCategories: readonly string[];
      written: string;
    }
  /** Under `nist-csf-1.1`: an id that exists only in CSF 2.0 (`GV.OC-01`); it belongs under `nist-csf-2.0`. */
  | { kind: 'other-framework'; framework: CsfFramework; id: string; written: string }
  | { kind: 'unknown'; written: string };

/** `PR.AC-4`, `pr.ac-04`: function, category, number of one or two digits. */
const CSF_PATTERN = /^([a-z]{2})\.([a-z]{2})-(\d{1,2})$/i;

/** Classifies one id written under a NIST CSF key of `maps_to`. */
export function readCsfId(text: string, { framework }: { framework: CsfFramework }): CsfReading {
  const written = text.trim();
  const match = CSF_PATTERN.exec(written);
  if (!match) return { kind: 'unknown', written };
  const category = `${match[1]!.toUpperCase()}.${match[2]!.toUpperCase()}`;
  const number = Number(match[3]);
  const form11 = `${category}-${number}`;
  const form20 = `${category}-${String(number).padStart(2, '0')}`;
  const csf11 = getCsf11Subcategory(form11);
  const csf20 = getCsfSubcategory(form20);

  if (framework === 'nist-csf-1.1') {
    if (csf11) return written === form11 ? { kind: 'subcategory', framework, id: form11, written } : { kind: 'loose', framework, id: form11, written };
    if (csf20) return { kind: 'other-framework', framework: 'nist-csf-2.0', id: form20, written };
    return { kind: 'unknown', written };
  }
  if (csf11?.status === 'withdrawn') {
    return {
      kind: 'withdrawn',
      id11: csf11.id,
      title: csf11.title,
      relationship: csf11.relationship,
      successors: csf11.successors,
      successorCategories: csf11.successorCategories,
      written,
    };
  }
  if (csf20) {
    if (written === form20) return { kind: 'subcategory', framework, id: form20, written };
    return { kind: 'loose', framework, id: form20, written, ...(csf11 ? { retained11: true as const } : {}) };
  }
  return { kind: 'unknown', written };
}
