/**
 * reference-unknown: `parent`, `related` and `supersedes` name documents by id;
 * an id that no document in the ISMS has is a broken cross-reference, and a
 * `parent` chain that comes back to where it started has no top.
 */
import { documentsById, parentCycles } from '../model/document-tree.js';
import type { LocatedReference } from '../model/document-control.js';
import type { PolicyRecord } from '../model/policy.js';
import type { RepoContext, RepoRule } from './types.js';

type ReferenceField = 'parent' | 'related' | 'supersedes';

/** The same id once case, separators and leading zeros are ignored: `pol-ac-1` is `POL-AC-001`. */
function loose(id: string): string {
  return id.toUpperCase().replace(/[^A-Z0-9]/g, '').replace(/\d+/g, (digits) => String(Number(digits)));
}

/** Whether `a` becomes `b` by one insertion, deletion, substitution or swap of neighbours. */
function oneEditApart(a: string, b: string): boolean {
  if (a === b) return false;
  if (Math.abs(a.length - b.length) > 1) return false;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const restA = a.slice(start, endA);
  const restB = b.slice(start, endB);
  if (restA.length <= 1 && restB.length <= 1) return true;
  return restA.length === 2 && restB.length === 2 && restA[0] === restB[1] && restA[1] === restB[0];
}

const digitsOf = (looseId: string) => (looseId.match(/\d+/g) ?? []).join('.');
const lettersOf = (looseId: string) => looseId.replace(/\d+/g, '');

/**
 * The existing ids a mistyped one is compared with, indexed so that a file of many
 * unknown ids costs a lookup and a few comparisons each, not a pass over every id.
 */
export class TypoIndex {
  private readonly byLoose = new Map<string, string[]>();
  private readonly byDigits = new Map<string, Array<{ id: string; letters: string }>>();
  private readonly answers = new Map<string, string | undefined>();

  constructor(ids: Iterable<string>) {
    for (const id of ids) {
      const key = loose(id);
      if (!this.byLoose.has(key)) this.byLoose.set(key, []);
      this.byLoose.get(key)!.push(id);
      const digits = digitsOf(key);
      if (!this.byDigits.has(digits)) this.byDigits.set(digits, []);
      this.byDigits.get(digits)!.push({ id, letters: lettersOf(key) });
    }
  }

  /**
   * The existing id that `id` is clearly a mistyping of, if exactly one is. Only
   * the letters may be mistyped, by one edit: a different number is a different
   * document (`POL-AC-002` for `POL-AC-001` is never suggested), so the digits
   * must agree (leading zeros aside).
   */
  typoOf(id: string): string | undefined {
    if (this.answers.has(id)) return this.answers.get(id);
    const answer = this.search(id);
    this.answers.set(id, answer);
    return answer;
  }

  private search(id: string): string | undefined {
    const wanted = loose(id);
    const same = this.byLoose.get(wanted);
    if (same !== undefined) return same.length === 1 ? same[0] : undefined;
    const letters = lettersOf(wanted);
    if (letters.length < 3) return undefined;
    const close = (this.byDigits.get(digitsOf(wanted)) ?? []).filter((candidate) => oneEditApart(letters, candidate.letters));
    return close.length === 1 ? close[0]!.id : undefined;
  }
}

/** What registers write in a column that has no value. */
const NONE = /^(?:n\/?a|none|nil|null|-+|\u2014|\u2013)$/i;

const WHY: Record<ReferenceField, string> = {
  parent: 'fix the id or remove `parent`',
  related: 'fix the id or remove it from `related`',
  supersedes:
    'keep the superseded document in the ISMS with `status: retired` (obsolete documented information stays identifiable), fix the id, or remove it from `supersedes`',
};

function checkReference(context: RepoContext, policy: PolicyRecord, field: ReferenceField, reference: LocatedReference, byId: ReadonlyMap<string, PolicyRecord>, typos: Pick<TypoIndex, 'typoOf'>): void {
  const options = { file: policy.file, policy: policy.id, ...(field === 'supersedes' ? { severity: 'warning' as const } : {}) };
  if (reference.id === policy.id) {
    // A parent that is the document itself is reported as a cycle of one.
    if (field !== 'parent') context.report(`Unexpected \`${reference.id}\` in \`${field}\`: it is this document's own id; remove it`, reference.position, options);
    return;
  }
  if (byId.has(reference.id)) return;
  if (NONE.test(reference.id)) {
    // Registers write "N/A" or "None" in an empty column: not a broken reference, an empty field.
    context.report(
      `Unexpected \`${reference.id}\` in \`${field}\`: it is not a document id; ${field === 'parent' ? 'remove `parent`' : `remove it from \`${field}\``} when there is none`,
      reference.position,
      options,
    );
    return;
  }
  const typo = typos.typoOf(reference.id);
  context.report(
    `Unknown document \`${reference.id}\` in \`${field}\`: no document in the ISMS has this id${typo ? ` (did you mean \`${typo}\`?)` : ''}; ${WHY[field]}`,
    reference.position,
    options,
  );
}

export const referenceUnknown: RepoRule = {
  id: 'reference-unknown',
  scope: 'repo',
  defaultSeverity: 'error',
  summary: 'A `parent`, `related` or `supersedes` id that no document in the ISMS has (a warning for `supersedes`), or `parent` references that form a cycle.',
  docs: [
    '`parent` names the policy a standard, procedure or guideline hangs off; `related` lists documents to read with this one; `supersedes` lists the documents this one replaces. Each id must be the `id` of a document in the ISMS. The message suggests an existing id only when the one written is clearly a typo of it (case, separators, leading zeros or one letter; never a different number).',
    'An id in `supersedes` that does not exist is a warning: keep the old document with `status: retired` so that obsolete documented information stays identifiable (clause 7.5.3), or remove the id.',
    'A document cannot be its own parent, and `parent` references cannot go round in a cycle: the cycle is reported once, on the document first in path order.',
  ].join('\n\n'),
  examples: {
    ok: [
      {
        name: 'references that exist',
        text: '---\nid: PRC-AC-001\nparent: POL-AC-001\nrelated: [STD-CR-001]\nsupersedes: PRC-AC-000\n---\n',
        files: {
          'policies/access.md': '---\nid: POL-AC-001\n---\n',
          'policies/crypto.md': '---\nid: STD-CR-001\nparent: POL-AC-001\n---\n',
          'policies/old.md': '---\nid: PRC-AC-000\nstatus: retired\n---\n',
        },
      },
    ],
    notOk: [
      {
        name: 'a parent with a mistyped prefix',
        text: '---\nid: PRC-AC-001\nparent: POL-CA-001\n---\n',
        files: { 'policies/access.md': '---\nid: POL-AC-001\n---\n' },
        expected: ['3:9 Unknown document `POL-CA-001` in `parent`: no document in the ISMS has this id (did you mean `POL-AC-001`?)'],
      },
      {
        name: 'a related id with another number',
        text: '---\nid: PRC-AC-001\nrelated:\n  - POL-AC-002\n---\n',
        files: { 'policies/access.md': '---\nid: POL-AC-001\n---\n' },
        expected: ['4:5 Unknown document `POL-AC-002` in `related`: no document in the ISMS has this id; fix the id'],
      },
      {
        name: 'a superseded document that is not in the ISMS',
        text: '---\nid: POL-IS-002\nsupersedes: [ISP-2019]\n---\n',
        expected: ['3:14 Unknown document `ISP-2019` in `supersedes`'],
      },
      {
        name: 'two documents that are each other\'s parent',
        path: 'policies/a.md',
        text: '---\nid: STD-AC-001\nparent: PRC-AC-001\n---\n',
        files: { 'policies/b.md': '---\nid: PRC-AC-001\nparent: STD-AC-001\n---\n' },
        expected: ['3:9 Unexpected `parent` cycle: STD-AC-001 -> PRC-AC-001 -> STD-AC-001'],
      },
      {
        name: 'a register\'s "N/A" for no parent',
        text: '---\nid: POL-IS-001\nparent: N/A\n---\n',
        expected: ['3:9 Unexpected `N/A` in `parent`: it is not a document id; remove `parent` when there is none'],
      },
      {
        name: 'a document that is its own parent',
        text: '---\nid: PRC-AC-001\nparent: PRC-AC-001\n---\n',
        expected: ['3:9 Unexpected `parent` `PRC-AC-001`: it is this document\'s own id'],
      },
    ],
  },
  check(context) {
    const byId = documentsById(context.policies);
    // Built on the first unknown id only: a clean ISMS never pays for it.
    let index: TypoIndex | undefined;
    const typos = { typoOf: (id: string) => (index ??= new TypoIndex(byId.keys())).typoOf(id) };
    for (const policy of context.policies) {
      const { positions } = policy.document;
      if (positions.parent) checkReference(context, policy, 'parent', positions.parent, byId, typos);
      for (const reference of positions.related) checkReference(context, policy, 'related', reference, byId, typos);
      for (const reference of positions.supersedes) checkReference(context, policy, 'supersedes', reference, byId, typos);
    }
    for (const cycle of parentCycles(context.policies, byId)) {
      const first = cycle[0]!;
      const at = first.document.positions.parent!.position;
      const options = { file: first.file, policy: first.id };
      if (cycle.length === 1) {
        context.report(`Unexpected \`parent\` \`${first.id}\`: it is this document's own id; name the policy this document hangs off, or remove \`parent\``, at, options);
        continue;
      }
      context.report(
        `Unexpected \`parent\` cycle: ${[...cycle, first].map((member) => member.id).join(' -> ')}; a parent chain must end at a document without \`parent\` (the top policy): remove \`parent\` from one of them`,
        at,
        options,
      );
    }
  },
};
