/**
 * The catalogs as data: the counts the standards fix, ids that exist, the full
 * 2013 -> 2022 correspondence, and (when the project's shared reference is beside
 * the clone, as in CI) the very same data as that verified reference.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  clauses,
  clausesRequiringDocuments,
  controls,
  csfSubcategories,
  getClause,
  getControl,
  getCsfSubcategory,
  getLegacyControl,
  legacyControls,
  legacyMapping,
  legacyReplacement,
  themes,
} from '../src/catalog/index.js';
import bundled from '../src/catalog/reference.json' with { type: 'json' };

const SHARED_REFERENCE = path.resolve(import.meta.dirname, '../../shared/reference/iso27001.json');

describe('ISO/IEC 27001:2022', () => {
  it('has the 41 headings of clauses 4 to 10, 6.3 included', () => {
    expect(clauses).toHaveLength(41);
    expect(clauses.map((clause) => clause.id)).toEqual(
      expect.arrayContaining(['4', '4.1', '5.2', '6.1.2', '6.1.3', '6.3', '7.5.3', '9.2.1', '9.2.2', '9.3.3', '10.1', '10.2']),
    );
    expect(getClause('6.3')?.title).toBe('Planning of changes');
    // 2022 swapped the order: 10.1 is continual improvement, 10.2 nonconformity.
    expect(getClause('10.1')?.title).toMatch(/Continual improvement/i);
    expect(getClause('10.2')?.title).toMatch(/Nonconformity/i);
    expect(getClause('11')).toBeUndefined();
  });

  it('has 93 Annex A controls: Organizational 37, People 8, Physical 14, Technological 34', () => {
    expect(controls).toHaveLength(93);
    const counts = Object.fromEntries(themes.map((theme) => [theme, controls.filter((control) => control.theme === theme).length]));
    expect(counts).toEqual({ Organizational: 37, People: 8, Physical: 14, Technological: 34 });
    // The theme follows the id's section: A.5 organisational ... A.8 technological.
    const sectionTheme: Record<string, string> = { '5': 'Organizational', '6': 'People', '7': 'Physical', '8': 'Technological' };
    for (const control of controls) {
      expect(control.id).toMatch(/^A\.[5-8]\.\d{1,2}$/);
      expect(control.theme).toBe(sectionTheme[control.id.split('.')[1]!]);
      expect(control.title.trim()).not.toBe('');
    }
    expect(getControl('A.5.15')?.title).toBe('Access control');
    expect(getControl('A.8.34')).toBeDefined();
    expect(getControl('A.8.35')).toBeUndefined();
  });

  it('ids are unique and in order', () => {
    const ids = controls.map((control) => control.id);
    expect(new Set(ids).size).toBe(93);
    const sorted = [...ids].sort((a, b) => {
      const [, sa, na] = a.split('.');
      const [, sb, nb] = b.split('.');
      return Number(sa) - Number(sb) || Number(na) - Number(nb);
    });
    expect(ids).toEqual(sorted);
    expect(new Set(clauses.map((clause) => clause.id)).size).toBe(41);
  });

  it('names the clauses that require documented information (the findings contract: rule, severity, file, line, column, message, policy)', () => {
    expect(clausesRequiringDocuments).toEqual(['4.3', '5.2', '6.1.2', '6.1.3', '6.2', '7.2', '7.5', '8.1', '8.2', '8.3', '9.1', '9.2', '9.3', '10.2']);
    for (const id of clausesRequiringDocuments) expect(getClause(id), id).toBeDefined();
  });
});

describe('ISO/IEC 27001:2013 and its correspondence to 2022', () => {
  it('has the 114 controls of the 2013 Annex A in 14 domains', () => {
    expect(legacyControls).toHaveLength(114);
    expect(new Set(legacyControls.map((control) => control.id)).size).toBe(114);
    expect(new Set(legacyControls.map((control) => control.domain)).size).toBe(14);
    expect(getLegacyControl('A.9.1.1')?.title).toBe('Access control policy');
    expect(getLegacyControl('A.5.15')).toBeUndefined();
  });

  it('maps every 2013 control, each to existing 2022 controls', () => {
    expect(legacyMapping.size).toBe(114);
    for (const control of legacyControls) {
      const targets = legacyReplacement(control.id);
      expect(targets, control.id).toBeDefined();
      expect(targets!.length, control.id).toBeGreaterThan(0);
      for (const target of targets!) expect(getControl(target), `${control.id} -> ${target}`).toBeDefined();
    }
  });

  it('has the one-to-many entry of the standard\'s table and known one-to-one entries', () => {
    expect(legacyReplacement('A.18.2.3')).toEqual(['A.5.36', 'A.8.8']);
    expect([...legacyMapping.values()].filter((targets) => targets.length > 1)).toHaveLength(1);
    expect(legacyReplacement('A.9.1.1')).toEqual(['A.5.15']);
    expect(legacyReplacement('A.12.6.1')).toEqual(['A.8.8']);
    expect(legacyReplacement('A.5.15')).toBeUndefined();
  });

  it('leaves exactly the 11 new 2022 controls without a predecessor', () => {
    const targets = new Set([...legacyMapping.values()].flat());
    const fresh = controls.map((control) => control.id).filter((id) => !targets.has(id));
    expect(fresh.sort()).toEqual(['A.5.23', 'A.5.30', 'A.5.7', 'A.7.4', 'A.8.10', 'A.8.11', 'A.8.12', 'A.8.16', 'A.8.23', 'A.8.28', 'A.8.9'].sort());
  });
});

describe('NIST CSF 2.0', () => {
  it('has the 106 subcategories across the six functions', () => {
    expect(csfSubcategories).toHaveLength(106);
    const byFunction: Record<string, number> = {};
    for (const entry of csfSubcategories) {
      expect(entry.id).toMatch(/^(GV|ID|PR|DE|RS|RC)\.[A-Z]{2}-\d{2}$/);
      const fn = entry.id.slice(0, 2);
      byFunction[fn] = (byFunction[fn] ?? 0) + 1;
    }
    expect(byFunction).toEqual({ GV: 31, ID: 21, PR: 22, DE: 11, RS: 13, RC: 8 });
    expect(getCsfSubcategory('PR.AA-01')).toBeDefined();
    expect(getCsfSubcategory('RC.RP-01')).toBeDefined();
    // A withdrawn CSF 1.1 id is not a 2.0 subcategory.
    expect(getCsfSubcategory('PR.AC-01')).toBeUndefined();
  });
});

describe('the shared reference', () => {
  it.skipIf(!existsSync(SHARED_REFERENCE))('the bundled catalog is the verified reference, unchanged', () => {
    const reference = JSON.parse(readFileSync(SHARED_REFERENCE, 'utf8')) as typeof bundled;
    expect(bundled).toEqual(reference);
    // And what the loader exposes is that data, not a filtered copy.
    expect(clauses).toEqual(reference.iso27001_2022.clauses);
    expect(controls).toEqual(reference.iso27001_2022.annexA);
    expect(legacyControls).toEqual(reference.iso27001_2013.annexA);
    expect([...legacyMapping].map(([from, to]) => ({ from, to }))).toEqual(reference.mapping_2013_to_2022);
    expect(csfSubcategories.map((entry) => entry.id)).toEqual(reference.nist_csf_2_0.subcategories.map((entry) => entry.id));
  });
});
