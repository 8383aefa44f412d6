/**
 * NIST CSF 1.1 in the catalog: its 108 subcategories with their CSF 2.0
 * successors from NIST's own mapping, the reader of CSF ids as people write
 * them under `nist-csf-2.0` and `nist-csf-1.1`, and `isms catalog` showing both.
 * Expectations are worked out from the reference JSON itself, entry by entry.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  csf11Categories,
  csf11Subcategories,
  csf11Successors,
  csfSubcategories,
  getCsf11Subcategory,
  knownIdsOf,
  readCsfId,
  builtInFrameworks,
} from '../src/catalog/index.js';
import { catalogJson } from '../src/commands/catalog.js';
import bundled from '../src/catalog/csf.json' with { type: 'json' };
import iso from '../src/catalog/reference.json' with { type: 'json' };

const REFERENCE_DIRS = [path.resolve(import.meta.dirname, '../../shared/reference'), '/work/shared/reference'];
const sharedCsf = REFERENCE_DIRS.map((dir) => path.join(dir, 'csf.json')).find((file) => existsSync(file));

const raw = bundled.nist_csf_1_1.subcategories;
const ids20 = new Set(iso.nist_csf_2_0.subcategories.map((entry) => entry.id));
const pad = (id: string) => id.replace(/-(\d)$/, '-0$1');

describe('the bundled csf.json', () => {
  it.skipIf(!sharedCsf)('is the shared verified reference, byte for byte, sources and notes included', () => {
    expect(readFileSync(path.resolve(import.meta.dirname, '../src/catalog/csf.json'))).toEqual(readFileSync(sharedCsf!));
    expect(bundled.sources.length).toBeGreaterThan(0);
    expect(bundled.notes.length).toBeGreaterThan(0);
  });
});

describe('NIST CSF 1.1 subcategories', () => {
  it('has 108 subcategories in 23 categories of 5 functions: 79 withdrawn, 29 retained', () => {
    expect(csf11Subcategories).toHaveLength(108);
    expect(new Set(csf11Subcategories.map((entry) => entry.id)).size).toBe(108);
    expect(csf11Categories).toHaveLength(23);
    expect(new Set(csf11Subcategories.map((entry) => entry.category)).size).toBe(23);
    expect(new Set(csf11Subcategories.map((entry) => entry.id.slice(0, 2)))).toEqual(new Set(['ID', 'PR', 'DE', 'RS', 'RC']));
    expect(csf11Subcategories.filter((entry) => entry.status === 'withdrawn')).toHaveLength(79);
    expect(csf11Subcategories.filter((entry) => entry.status === 'retained')).toHaveLength(29);
    for (const entry of csf11Subcategories) {
      expect(entry.id).toMatch(/^(ID|PR|DE|RS|RC)\.[A-Z]{2}-\d{1,2}$/);
      expect(entry.id.startsWith(`${entry.category}-`), entry.id).toBe(true);
      expect(entry.idCsf2Style).toBe(pad(entry.id));
      expect(entry.title.trim()).not.toBe('');
    }
  });

  it('indexes every entry of the reference as written, in its order', () => {
    expect(csf11Subcategories.map((entry) => entry.id)).toEqual(raw.map((entry) => entry.id));
    for (const entry of raw) {
      const indexed = getCsf11Subcategory(entry.id);
      expect(indexed, entry.id).toMatchObject({ id: entry.id, title: entry.title, status: entry.status, category: entry.category });
      expect(csf11Successors(entry.id)).toEqual(entry.successors);
      expect(indexed!.successorCategories).toEqual('successor_categories' in entry ? entry.successor_categories : []);
    }
    expect(knownIdsOf('nist-csf-1.1')).toEqual(raw.map((entry) => entry.id));
  });

  it('names CSF 2.0 successors that exist; a retained id is its own zero-padded successor', () => {
    for (const entry of csf11Subcategories) {
      for (const successor of entry.successors) expect(ids20.has(successor), `${entry.id} -> ${successor}`).toBe(true);
      if (entry.status === 'retained') expect(entry.successors).toEqual([pad(entry.id)]);
      else expect(entry.successors).not.toContain(pad(entry.id));
    }
  });

  it('gives the successors of the issue\'s examples from NIST\'s mapping', () => {
    // PR.PT-1 is logging: its successor is PR.PS-04 (log records), never awareness training PR.AT-01.
    expect(csf11Successors('PR.PT-1')).toEqual(['PR.PS-04']);
    expect(csf11Successors('PR.AC-4')).toEqual(['PR.AA-05']);
    expect(csf11Successors('ID.GV-1')).toEqual(['GV.PO-01', 'GV.PO-02']);
    expect(csf11Successors('ID.AM-1')).toEqual(['ID.AM-01']);
    // NIST links DE.DP-2 to the category DE.AE only.
    expect(csf11Successors('DE.DP-2')).toEqual([]);
    expect(getCsf11Subcategory('DE.DP-2')!.successorCategories).toEqual(['DE.AE']);
    expect(csf11Successors('PR.AC-04')).toBeUndefined();
    expect(csf11Successors('GV.OC-01')).toBeUndefined();
  });

  it('only the retained ids are both a 1.1 id and, zero-padded, an active 2.0 id', () => {
    const overlap = csf11Subcategories.filter((entry) => ids20.has(pad(entry.id)));
    expect(overlap.map((entry) => entry.id)).toEqual(csf11Subcategories.filter((entry) => entry.status === 'retained').map((entry) => entry.id));
  });
});

describe('readCsfId under nist-csf-2.0', () => {
  const read = (text: string) => readCsfId(text, { framework: 'nist-csf-2.0' });

  it('every withdrawn 1.1 id, as 1.1 writes it or zero-padded, maps to its NIST successors', () => {
    for (const entry of raw.filter((candidate) => candidate.status === 'withdrawn')) {
      for (const written of [entry.id, entry.id_csf2_style, entry.id.toLowerCase()]) {
        expect(read(written), written).toEqual({
          kind: 'withdrawn',
          id11: entry.id,
          title: entry.title,
          relationship: entry.relationship,
          successors: entry.successors,
          successorCategories: 'successor_categories' in entry ? entry.successor_categories : [],
          written,
        });
      }
    }
  });

  it('every retained 1.1 id is the same 2.0 id zero-padded', () => {
    for (const entry of raw.filter((candidate) => candidate.status === 'retained')) {
      expect(read(entry.id), entry.id).toEqual({ kind: 'loose', framework: 'nist-csf-2.0', id: entry.id_csf2_style, written: entry.id, retained11: true });
      expect(read(entry.id_csf2_style)).toEqual({ kind: 'subcategory', framework: 'nist-csf-2.0', id: entry.id_csf2_style, written: entry.id_csf2_style });
    }
  });

  it('every 2.0 id is exact as written, and loose without its zero or in lower case', () => {
    for (const { id } of csfSubcategories) {
      expect(read(id)).toEqual({ kind: 'subcategory', framework: 'nist-csf-2.0', id, written: id });
      expect(read(` ${id} `)).toMatchObject({ kind: 'subcategory', id });
      expect(read(id.toLowerCase())).toMatchObject({ kind: 'loose', id });
      const unpadded = id.replace(/-0(\d)$/, '-$1');
      if (unpadded !== id && !getCsf11Subcategory(unpadded)) {
        expect(read(unpadded), unpadded).toEqual({ kind: 'loose', framework: 'nist-csf-2.0', id, written: unpadded });
      }
    }
    expect(read('GV.OC-1')).toEqual({ kind: 'loose', framework: 'nist-csf-2.0', id: 'GV.OC-01', written: 'GV.OC-1' });
  });

  it('is unknown for what is no id of either version, with no guessed suggestion', () => {
    for (const written of ['PR.AA-99', 'PR.AC-9', 'GV.XX-01', 'PR.AA-001', 'PR.AA01', 'PR.AA-', '', 'x'.repeat(100_000)]) {
      expect(read(written), written.slice(0, 20)).toEqual({ kind: 'unknown', written: written.trim() });
    }
  });
});

describe('readCsfId under nist-csf-1.1', () => {
  const read = (text: string) => readCsfId(text, { framework: 'nist-csf-1.1' });

  it('every 1.1 id is exact as written, loose zero-padded or in lower case', () => {
    for (const entry of raw) {
      expect(read(entry.id)).toEqual({ kind: 'subcategory', framework: 'nist-csf-1.1', id: entry.id, written: entry.id });
      // PR.IP-10 has two digits already: its 2.0-style form is the id itself.
      if (entry.id_csf2_style !== entry.id) {
        expect(read(entry.id_csf2_style)).toEqual({ kind: 'loose', framework: 'nist-csf-1.1', id: entry.id, written: entry.id_csf2_style });
      }
      expect(read(entry.id.toLowerCase())).toMatchObject({ kind: 'loose', id: entry.id });
    }
  });

  it('a 2.0-only id belongs under nist-csf-2.0', () => {
    const only20 = csfSubcategories.filter(({ id }) => !getCsf11Subcategory(id.replace(/-0(\d)$/, '-$1')));
    expect(only20).toHaveLength(106 - 29);
    for (const { id } of only20) expect(read(id)).toEqual({ kind: 'other-framework', framework: 'nist-csf-2.0', id, written: id });
    expect(read('PR.AC-99')).toEqual({ kind: 'unknown', written: 'PR.AC-99' });
  });
});

describe('isms catalog --format json: NIST CSF 1.1', () => {
  const catalog = catalogJson() as {
    frameworks: Array<{ id: string; controls: Array<Record<string, unknown>> }>;
    mappings: Array<{ from: string; to: string; pairs: Array<{ from: string; to: string[]; categories?: string[] }> }>;
  };

  it('lists the framework nist-csf-1.1 with its 108 subcategories and their status', () => {
    const csf11 = catalog.frameworks.find((framework) => framework.id === 'nist-csf-1.1');
    expect(csf11!.controls).toEqual(raw.map(({ id, title, status }) => ({ id, title, status })));
  });

  it('maps every 1.1 subcategory to its 2.0 successors, beside the 2013 -> 2022 mapping', () => {
    expect(catalog.mappings.map(({ from, to }) => `${from} -> ${to}`)).toEqual(['iso27001-2013 -> iso27001-2022', 'nist-csf-1.1 -> nist-csf-2.0']);
    const pairs = catalog.mappings[1]!.pairs;
    expect(pairs.map((pair) => pair.from)).toEqual(raw.map((entry) => entry.id));
    for (const entry of raw) expect(pairs.find((pair) => pair.from === entry.id)!.to).toEqual(entry.successors);
    expect(pairs.find((pair) => pair.from === 'DE.DP-2')).toEqual({ from: 'DE.DP-2', to: [], categories: ['DE.AE'] });
    expect(pairs.find((pair) => pair.from === 'PR.PT-1')).toEqual({ from: 'PR.PT-1', to: ['PR.PS-04'] });
  });

  it('accepts nist-csf-1.1 under maps_to as a built-in framework', () => {
    expect([...builtInFrameworks.keys()]).toEqual(['nist-csf-2.0', 'nist-csf-1.1', 'iso27001-2022']);
  });
});
