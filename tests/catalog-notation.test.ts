/**
 * Control and clause ids as people write them, read against the catalog: the
 * 2013 clauses and their 2022 correspondence, the 2013 control objectives, the
 * controls new in 2022, and the readers `readControlId` / `readClauseId`.
 * Expectations are worked out from the reference JSON, entry by entry, so every
 * id of both editions is read in every spelling the readers accept.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ambiguousControlIds,
  clause2013To2022,
  clauseCorrespondence,
  clauses2013,
  clausesNewIn2022,
  controlsNewIn2022,
  documentEditionOf,
  editionOf,
  formatClauseItem,
  getClause2013,
  getLegacyObjective,
  legacyObjectives,
  readClauseId,
  readControlId,
  splitItemRanges,
  type Edition,
} from '../src/catalog/index.js';
import { catalogJson } from '../src/commands/catalog.js';
import bundledClauses from '../src/catalog/iso27001-2013-clauses.json' with { type: 'json' };
import iso from '../src/catalog/reference.json' with { type: 'json' };

const REFERENCE_DIRS = [path.resolve(import.meta.dirname, '../../shared/reference'), '/work/shared/reference'];
const sharedClauses = REFERENCE_DIRS.map((dir) => path.join(dir, 'iso27001-2013-clauses.json')).find((file) => existsSync(file));

const controls2022 = iso.iso27001_2022.annexA;
const controls2013 = iso.iso27001_2013.annexA;
const mapping = new Map(iso.mapping_2013_to_2022.map((entry) => [entry.from, entry.to]));
const clauses2022 = iso.iso27001_2022.clauses.map((clause) => clause.id);
const E2022 = { edition: 2022 as Edition };
const E2013 = { edition: 2013 as Edition };

/** The 2013 objectives worked out here independently: `A.x.y` of each `A.x.y.z`, in order. */
const objectives = new Map<string, string[]>();
for (const { id } of controls2013) {
  const objective = id.split('.').slice(0, 3).join('.');
  objectives.set(objective, [...(objectives.get(objective) ?? []), id]);
}
const successorsOf = (ids: string[]) => [...new Set(ids.flatMap((id) => mapping.get(id)!))];

/** The loose spellings the issue names, for an id `A.x.y[.z]`. */
function looseSpellings(id: string): string[] {
  const numbers = id.slice(2);
  const padded = numbers.split('.').map((part) => part.padStart(2, '0')).join('.');
  return [`A ${numbers}`, `A${numbers}`, `a.${numbers}`, numbers, `A.${padded}`, `A. ${numbers}`];
}

describe('the bundled iso27001-2013-clauses.json', () => {
  it.skipIf(!sharedClauses)('is the shared verified reference, byte for byte, sources and notes included', () => {
    expect(readFileSync(path.resolve(import.meta.dirname, '../src/catalog/iso27001-2013-clauses.json'))).toEqual(readFileSync(sharedClauses!));
    expect(bundledClauses.sources.length).toBeGreaterThan(0);
    expect(bundledClauses.notes.length).toBeGreaterThan(0);
  });
});

describe('ISO/IEC 27001:2013 clauses and their 2022 correspondence', () => {
  it('has the 35 clauses of 2013 (7 headings, 28 sub-clauses), each with 2022 ids that exist', () => {
    expect(clauses2013).toHaveLength(35);
    expect(clauses2013.filter((clause) => !clause.id.includes('.'))).toHaveLength(7);
    expect(clauseCorrespondence.map((entry) => entry.from)).toEqual(clauses2013.map((clause) => clause.id));
    for (const entry of bundledClauses.clauses_2013_to_2022) {
      expect(clause2013To2022(entry.from)).toEqual(entry.to);
      for (const target of entry.to) expect(clauses2022, `${entry.from} -> ${target}`).toContain(target);
    }
    expect(getClause2013('6.3')).toBeUndefined();
    expect(clause2013To2022('6.3')).toBeUndefined();
  });

  it('swaps 10.1 and 10.2, splits 9.2 and 9.3, and keeps every other number', () => {
    expect(clause2013To2022('10.1')).toEqual(['10.2']);
    expect(clause2013To2022('10.2')).toEqual(['10.1']);
    expect(clause2013To2022('9.2')).toEqual(['9.2.1', '9.2.2']);
    expect(clause2013To2022('9.3')).toEqual(['9.3.1', '9.3.2', '9.3.3']);
    const changed = clauseCorrespondence.filter((entry) => entry.to.length !== 1 || entry.to[0] !== entry.from).map((entry) => entry.from);
    expect(changed).toEqual(['9.2', '9.3', '10.1', '10.2']);
    expect(clauseCorrespondence.filter((entry) => entry.parent2022).map((entry) => [entry.from, entry.parent2022])).toEqual([['9.2', '9.2'], ['9.3', '9.3']]);
  });

  it('leaves 6.3 as the only 2022 clause without a 2013 predecessor', () => {
    const targets = new Set(clauseCorrespondence.flatMap((entry) => [...entry.to, ...(entry.parent2022 ? [entry.parent2022] : [])]));
    expect(clauses2022.filter((id) => !targets.has(id))).toEqual(['6.3']);
    expect(clausesNewIn2022).toEqual(['6.3']);
  });

  it('places the lettered items of the split clauses as the reference states them', () => {
    expect(splitItemRanges).toEqual([
      { from: '9.2', first: 'a', last: 'b', to: '9.2.1' },
      { from: '9.2', first: 'c', last: 'g', to: '9.2.2' },
      { from: '9.3', first: 'a', last: 'f', to: '9.3.2' },
    ]);
  });
});

describe('ISO/IEC 27001:2013 control objectives', () => {
  it('derives the 35 objectives of the 14 domains from the 114 control ids', () => {
    expect(legacyObjectives).toHaveLength(35);
    expect(new Set(legacyObjectives.map((objective) => objective.domain)).size).toBe(14);
    expect(legacyObjectives.map((objective) => objective.id)).toEqual([...objectives.keys()]);
    expect(legacyObjectives.flatMap((objective) => objective.controls)).toEqual(controls2013.map((control) => control.id));
    for (const objective of legacyObjectives) {
      expect(objective.controls).toEqual(objectives.get(objective.id));
      expect(objective.successors).toEqual(successorsOf(objectives.get(objective.id)!));
    }
  });

  it('A.16.1 stands for incident management, never A.6.1 Screening', () => {
    expect(getLegacyObjective('A.16.1')!.successors).toEqual(['A.5.24', 'A.6.8', 'A.5.25', 'A.5.26', 'A.5.27', 'A.5.28']);
    expect(getLegacyObjective('A.9.1')!.successors).toEqual(['A.5.15']);
    expect(getLegacyObjective('A.9.1.1')).toBeUndefined();
  });
});

describe('the controls new in 2022', () => {
  it('are the eleven 2022 controls no 2013 control maps to, in Annex A order', () => {
    const targets = new Set([...mapping.values()].flat());
    expect(controlsNewIn2022).toHaveLength(11);
    expect(controlsNewIn2022.map((control) => control.id)).toEqual(controls2022.map((control) => control.id).filter((id) => !targets.has(id)));
    expect(controlsNewIn2022.map((control) => control.id)).toEqual(['A.5.7', 'A.5.23', 'A.5.30', 'A.7.4', 'A.8.9', 'A.8.10', 'A.8.11', 'A.8.12', 'A.8.16', 'A.8.23', 'A.8.28']);
    expect(controlsNewIn2022[0]).toEqual({ id: 'A.5.7', title: 'Threat intelligence', theme: 'Organizational' });
  });
});

describe('editions', () => {
  it('reads an edition as YAML writes it, and nothing else', () => {
    expect(editionOf(2013)).toBe(2013);
    expect(editionOf('2022')).toBe(2022);
    expect(editionOf(' 2013 ')).toBe(2013);
    for (const value of [2005, '27001:2013', null, undefined, true, [2013], 2013.5]) expect(editionOf(value)).toBeUndefined();
  });
});

describe('readControlId: ids of both editions', () => {
  it('the ids that mean different things in the two editions are exactly the issue\'s list', () => {
    expect(ambiguousControlIds).toEqual(['A.5.1', 'A.6.1', 'A.6.2', 'A.7.1', 'A.7.2', 'A.7.3', 'A.8.1', 'A.8.2', 'A.8.3']);
    const ids2013 = new Set([...controls2013.map((control) => control.id), ...objectives.keys()]);
    expect(controls2022.map((control) => control.id).filter((id) => ids2013.has(id))).toEqual(ambiguousControlIds);
  });

  it('every 2022 control: exact as written, loose in every spelling, under both editions when unambiguous', () => {
    for (const { id } of controls2022) {
      const isAmbiguous = ambiguousControlIds.includes(id);
      const flag = isAmbiguous ? { ambiguous: true } : {};
      expect(readControlId(id, E2022)).toEqual({ kind: 'control', id, written: id, ...flag });
      expect(readControlId(` ${id}\t`, E2022)).toEqual({ kind: 'control', id, written: id, ...flag });
      for (const written of looseSpellings(id)) {
        const reading = readControlId(written, E2022);
        expect(reading, written).toMatchObject({ kind: 'loose', id, written, ...flag });
        // Written without `A.`, digits that are also a clause are flagged (`5.2` is clause 5.2 too).
        const digits = id.slice(2);
        expect('alsoClause' in reading && reading.alsoClause, written).toBe(written === digits && clauses2022.includes(digits) ? digits : false);
      }
      if (!isAmbiguous) expect(readControlId(id, E2013)).toEqual({ kind: 'control', id, written: id });
    }
  });

  it('every 2013 control: legacy with its Table B.2 successors, with or without `A.`, in either edition', () => {
    for (const { id, title } of controls2013) {
      for (const edition of [E2022, E2013]) {
        expect(readControlId(id, edition)).toEqual({ kind: 'legacy', id2013: id, title, successors: mapping.get(id), written: id });
        for (const written of looseSpellings(id)) {
          expect(readControlId(written, edition), written).toMatchObject({ kind: 'legacy', id2013: id, successors: mapping.get(id), written });
        }
      }
    }
    // 9.2.2 is 2013 user access provisioning (2022 A.5.18), never A.5.22 supplier monitoring.
    expect(readControlId('9.2.2', E2022)).toEqual({
      kind: 'legacy', id2013: 'A.9.2.2', title: 'User access provisioning', successors: ['A.5.18'], written: '9.2.2', alsoClause: '9.2.2',
    });
    expect(readControlId('11.1.1', E2022)).toEqual({ kind: 'legacy', id2013: 'A.11.1.1', title: 'Physical security perimeter', successors: ['A.7.1'], written: '11.1.1' });
  });

  it('every 2013 objective: its controls and their successors; the ambiguous ones only under 2013', () => {
    for (const [objective, controls] of objectives) {
      const expected = { kind: 'legacy-objective', objective, controls2013: controls, successors: successorsOf(controls), written: objective };
      const isAmbiguous = ambiguousControlIds.includes(objective);
      expect(readControlId(objective, E2013)).toEqual(isAmbiguous ? { ...expected, ambiguous: true } : expected);
      if (isAmbiguous) expect(readControlId(objective, E2022)).toEqual({ kind: 'control', id: objective, written: objective, ambiguous: true });
      else expect(readControlId(objective, E2022)).toEqual(expected);
    }
    expect(readControlId('A.16.1', E2022)).toMatchObject({ kind: 'legacy-objective', successors: ['A.5.24', 'A.6.8', 'A.5.25', 'A.5.26', 'A.5.27', 'A.5.28'] });
    expect(readControlId('A.6.1', E2013)).toMatchObject({ kind: 'legacy-objective', objective: 'A.6.1', successors: ['A.5.2', 'A.5.3', 'A.5.5', 'A.5.6', 'A.5.8'] });
    expect(readControlId('A.6.1', E2022)).toMatchObject({ kind: 'control', id: 'A.6.1' });
  });
});

describe('readControlId: an id with its title', () => {
  it('every 2022 control followed by its own title is that control written loosely', () => {
    for (const { id, title } of controls2022) {
      for (const written of [`${id} ${title}`, `${id} - ${title}`, `${id}: ${title.toUpperCase()}`, `${id.slice(2)} \u2013 ${title}`]) {
        expect(readControlId(written, E2022), written).toMatchObject({ kind: 'loose', id, written });
        // The 2022 title settles an ambiguous id even under 2013 (`A.6.1 Screening`).
        expect(readControlId(written, E2013), written).toMatchObject({ kind: 'loose', id, written });
      }
    }
  });

  it('every 2013 control followed by its own title is that 2013 control', () => {
    for (const { id, title } of controls2013) {
      expect(readControlId(`${id} ${title}`, E2022)).toMatchObject({ kind: 'legacy', id2013: id, successors: mapping.get(id) });
    }
  });

  it('suggests a control only when its exact title names it and the id names no other', () => {
    expect(readControlId('A.5.99 Access control', E2022)).toEqual({ kind: 'unknown', written: 'A.5.99 Access control', nearest: 'A.5.15' });
    // The id and the title contradict each other: no suggestion either way.
    expect(readControlId('A.5.15 Screening', E2022)).toEqual({ kind: 'unknown', written: 'A.5.15 Screening' });
    // Own words are not a title: no guess.
    expect(readControlId('A.5.15 Access control policy', E2022)).toEqual({ kind: 'unknown', written: 'A.5.15 Access control policy' });
  });
});

describe('readControlId: unknown ids', () => {
  it('gives no suggestion for a number that is no control (a near number is a different control)', () => {
    for (const written of ['A.5.99', 'A.5.38', 'A.9.9', 'A.19.1.1', 'A.9.2.9', 'A.4.1', 'A.5.015', 'B.5.15', 'A.5', 'A.5.15.', 'AA.5.15', 'ISO 27001', '', 'A.5.15.1.2']) {
      expect(readControlId(written, E2022), written).toEqual({ kind: 'unknown', written });
      expect(readControlId(written, E2013), written).toEqual({ kind: 'unknown', written });
    }
  });

  it('answers a hostile value at once, without reading it', () => {
    const huge = `A.5.15 ${'x'.repeat(1_000_000)}`;
    expect(readControlId(huge, E2022)).toEqual({ kind: 'unknown', written: huge });
  });
});

describe('documentEditionOf', () => {
  it('keeps a declared 2013', () => {
    expect(documentEditionOf(['A.5.15'], 2013)).toEqual({ edition: 2013, reason: 'declared' });
  });

  it('reads a document as 2013 when its ids are plainly 2013', () => {
    expect(documentEditionOf(['A.9.2.2', 'A.6.1'], 2022)).toEqual({ edition: 2013, reason: 'plainly-2013' });
    expect(documentEditionOf(['A.16.1', 'A.8.2'], 2022)).toEqual({ edition: 2013, reason: 'plainly-2013' });
    expect(documentEditionOf(['11.1.1'], 2022)).toEqual({ edition: 2013, reason: 'plainly-2013' });
  });

  it('stays 2022 when any id exists only in 2022, or nothing says 2013', () => {
    expect(documentEditionOf(['A.9.2.2', 'A.6.1', 'A.5.15'], 2022)).toEqual({ edition: 2022, reason: 'declared' });
    expect(documentEditionOf(['A.6.1', 'A.8.2'], 2022)).toEqual({ edition: 2022, reason: 'declared' });
    expect(documentEditionOf([], 2022)).toEqual({ edition: 2022, reason: 'declared' });
    expect(documentEditionOf(['A.99.1'], 2022)).toEqual({ edition: 2022, reason: 'declared' });
  });
});

describe('readClauseId under 2022', () => {
  const itemSpellings = (clause: string, item: string) => [
    `${clause} ${item}`, `${clause}(${item})`, `${clause} (${item})`, `${clause} ${item})`, `${clause}.${item}`, `${clause}.${item})`, `${clause}${item}`,
  ];

  it('every 2022 clause is a clause, and every lettered item of it, in every spelling, is its item', () => {
    for (const clause of clauses2022) {
      expect(readClauseId(clause, E2022)).toEqual({ kind: 'clause', id: clause, written: clause });
      for (const item of ['a', 'd', 'g', 'z']) {
        for (const written of itemSpellings(clause, item)) {
          expect(readClauseId(written, E2022), written).toEqual({ kind: 'item', clause, item, written });
        }
      }
      expect(readClauseId(`${clause} D)`, E2022)).toMatchObject({ kind: 'item', clause, item: 'd' });
    }
    expect(readClauseId('7.5.3.c', E2022)).toEqual({ kind: 'item', clause: '7.5.3', item: 'c', written: '7.5.3.c' });
  });

  it('formats an item as the standard cites it', () => {
    expect(formatClauseItem('6.1.3', 'd')).toBe('6.1.3 d)');
  });

  it('an id that is not read as a clause is unknown and names no clause (5.2.zz is not 5.2)', () => {
    for (const written of ['5.2.zz', '5.2 dd', '5.2.1', '9.2.7', '11', '10.3', '4.5', '6.1.3 d e', '6.1.3 (d', '6.1.3-d', '6.1.3 1)', '3', '']) {
      expect(readClauseId(written, E2022), written).toEqual({ kind: 'unknown', written });
    }
  });

  it('a clause with a prefix or stray punctuation is unknown, with the exact id as the fix', () => {
    expect(readClauseId('Clause 6.1.3', E2022)).toEqual({ kind: 'unknown', written: 'Clause 6.1.3', nearest: '6.1.3' });
    expect(readClauseId('cl. 9.2.2', E2022)).toEqual({ kind: 'unknown', written: 'cl. 9.2.2', nearest: '9.2.2' });
    expect(readClauseId('§ 6.1.3 d)', E2022)).toEqual({ kind: 'unknown', written: '§ 6.1.3 d)', nearest: '6.1.3 d)' });
    expect(readClauseId('4.3.', E2022)).toEqual({ kind: 'unknown', written: '4.3.', nearest: '4.3' });
  });

  it('a control written among the clauses is read as that control (5.15 -> A.5.15)', () => {
    expect(readClauseId('5.15', E2022)).toEqual({ kind: 'control', written: '5.15', control: { kind: 'loose', id: 'A.5.15', written: '5.15' } });
    expect(readClauseId('A.5.15', E2022)).toEqual({ kind: 'control', written: 'A.5.15', control: { kind: 'control', id: 'A.5.15', written: 'A.5.15' } });
    expect(readClauseId('12.6.1', E2022)).toMatchObject({ kind: 'control', control: { kind: 'legacy', id2013: 'A.12.6.1', successors: ['A.8.8'] } });
    // A number that is a clause stays a clause.
    for (const clause of clauses2022) expect(readClauseId(clause, E2022).kind).toBe('clause');
  });
});

describe('readClauseId under 2013', () => {
  it('every 2013 clause is read through the correspondence, its items too', () => {
    for (const entry of bundledClauses.clauses_2013_to_2022) {
      const from2013 = { clause: entry.from, to: entry.to };
      const clauseId = 'parent_2022' in entry ? entry.parent_2022 : entry.to[0];
      expect(readClauseId(entry.from, E2013)).toEqual({ kind: 'clause', id: clauseId, written: entry.from, from2013 });
      if ('parent_2022' in entry) continue;
      expect(readClauseId(`${entry.from} d)`, E2013)).toEqual({ kind: 'item', clause: entry.to[0], item: 'd', written: `${entry.from} d)`, from2013: { ...from2013, item: 'd' } });
    }
    expect(readClauseId('10.1', E2013)).toMatchObject({ kind: 'clause', id: '10.2' });
    expect(readClauseId('10.2', E2013)).toMatchObject({ kind: 'clause', id: '10.1' });
    expect(readClauseId('10.1', E2022)).toEqual({ kind: 'clause', id: '10.1', written: '10.1' });
  });

  it('an item of a split clause goes to the 2022 sub-clause the reference places it in, else the parent', () => {
    const cases: Array<[string, string]> = [
      ['9.2 a', '9.2.1'], ['9.2 b)', '9.2.1'], ['9.2 c', '9.2.2'], ['9.2(g)', '9.2.2'], ['9.2 h', '9.2'],
      ['9.3 a', '9.3.2'], ['9.3.f', '9.3.2'], ['9.3 g', '9.3'],
    ];
    for (const [written, id] of cases) expect(readClauseId(written, E2013), written).toMatchObject({ kind: 'clause', id, written });
  });

  it('a 2022 clause that 2013 lacks is read as written (6.3, 9.2.1)', () => {
    expect(readClauseId('6.3', E2013)).toEqual({ kind: 'clause', id: '6.3', written: '6.3' });
    expect(readClauseId('9.2.2 a', E2013)).toEqual({ kind: 'item', clause: '9.2.2', item: 'a', written: '9.2.2 a' });
  });

  it('the fix for a prefixed 2013 clause keeps its 2013 number', () => {
    expect(readClauseId('Clause 10.1', E2013)).toEqual({ kind: 'unknown', written: 'Clause 10.1', nearest: '10.1' });
  });
});

describe('isms catalog --format json: ISO 27001:2013 clauses and new controls', () => {
  const catalog = catalogJson() as {
    frameworks: Array<{ id: string; clauses?: Array<{ id: string; title: string }> }>;
    mappings: Array<{ from: string; clause_pairs?: Array<{ from: string; to: string[] }>; new_controls?: string[] }>;
  };

  it('lists the 2013 clauses, the clause correspondence and the controls new in 2022', () => {
    expect(catalog.frameworks.find((framework) => framework.id === 'iso27001-2013')!.clauses).toEqual(bundledClauses.iso27001_2013.clauses);
    const iso2013 = catalog.mappings.find((entry) => entry.from === 'iso27001-2013')!;
    expect(iso2013.clause_pairs).toEqual(bundledClauses.clauses_2013_to_2022.map(({ from, to }) => ({ from, to })));
    expect(iso2013.new_controls).toEqual(controlsNewIn2022.map((control) => control.id));
  });
});
