/**
 * Policy text is hostile input, and it reaches many outputs. One hostile value (backtick runs,
 * raw HTML, Markdown and bare links, GitHub references, mentions, line breaks that would start a
 * workflow command, escape bytes) is put in every field a policy, `.isms.yml` and `soa.yml` carry
 * (id, title, owners, approver, file name, unknown keys, `required_sections`, body), and every
 * output is read back the way its reader reads it:
 *
 * - text output (`isms check`, `isms due`, `isms soa` on stderr, `isms remind`, `isms review`,
 *   `isms migrate`, a usage error) as the Actions runner reads a `run:` step's log: line by line,
 *   where a line that starts with `::` is a workflow command;
 * - the action's log and annotations, run as the runner runs it;
 * - Markdown posted to GitHub (PR summary comment, review comments, job summary, reminder issues)
 *   parsed as CommonMark (remark-parse) and rendered as GitHub Flavored Markdown (micromark with
 *   GFM tables and autolink literals, raw HTML allowed as GitHub allows some), plus the raw
 *   source of every text node, where GitHub looks for @mentions and #references;
 * - the SoA Markdown, which is a file (not posted): `@jdoe` must stay findable with grep.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { micromark } from 'micromark';
import { gfmAutolinkLiteral, gfmAutolinkLiteralHtml } from 'micromark-extension-gfm-autolink-literal';
import { gfmTable, gfmTableHtml } from 'micromark-extension-gfm-table';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIsms } from './support/cli.js';
import { check } from '../src/check.js';
import { formatMarkdown } from '../src/format/markdown.js';
import { coverageMarkdown } from '../src/report/coverage-markdown.js';
import { renderIssue } from '../src/github/reminders/content.js';
import { inlineCode } from '../src/format/markdown-escape.js';
import { makeGitRepo, pullRequestPayload, runAction, type ActionRun, type GitRepo } from './support/action-runner.js';
import { startFakeGitHub, type FakeGitHub } from './support/fake-github.js';
import { makeRepo } from './support/repo.js';

const TODAY = '2026-11-24';
const TOKEN = 'ghs_fakeActionsToken0123456789abcdefABCD';

/** Every attack in one value. No `|`: table cells are a separate concern (escaped, tested elsewhere). */
const EVIL = [
  'x`` ` `a``b```c````d`````e`',
  '<img src=x onerror=alert(1)>',
  '[click](https://evil.example)',
  'https://evil.example/login',
  'www.evil.example',
  'GH-123 owner/repo#1 #7',
  '@everyone @org/team',
  '\n::error file=x::pwned',
  '\r::add-mask::secret',
  '\u001b[31mred',
  '\u0085::stop-commands::tok',
  '\u2028::warning::sep',
].join(' ');

/** The one documented visible form of control characters and line breaks in every output. */
function visible(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (char) => {
    if (char === '\n') return '\\n';
    if (char === '\r') return '\\r';
    if (char === '\t') return '\\t';
    const code = char.codePointAt(0)!;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

/** A YAML double-quoted scalar that carries any text (escapes for everything but printable ASCII). */
function yamlString(text: string): string {
  return `"${[...text]
    .map((char) => {
      if (char === '"' || char === '\\') return `\\${char}`;
      const code = char.codePointAt(0)!;
      return code >= 0x20 && code < 0x7f ? char : `\\u${code.toString(16).padStart(4, '0')}`;
    })
    .join('')}"`;
}

/** A file name with every attack a path segment can carry (no `/`); git-safe: no control characters. */
const EVIL_NAME = 'evil`` ` <img src=x onerror=alert(1)> [click](www.evil.example) GH-123 @everyone @org';

function hostilePolicy(id: string, extra = ''): string {
  return [
    '---',
    `id: ${yamlString(id)}`,
    `title: ${yamlString(EVIL)}`,
    `owners: [${yamlString(EVIL)}, "@jdoe"]`,
    `approver: ${yamlString(EVIL)}`,
    'status: approved',
    'last_reviewed: 2025-12-01',
    'iso27001:',
    '  controls: [A.5.15]',
    `${yamlString(`unknown ${EVIL}`)}: 1`,
    extra,
    '---',
    `# Purpose`,
    '',
    `Text ${EVIL.replace(/[\r\n\u0085\u2028]/g, ' ')} and [a link](${encodeURI(EVIL_NAME)}-missing.md).`,
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

const CONFIG = `rules:\n  clause-uncovered: off\nrequired_sections: [Purpose, ${yamlString(EVIL)}]\n`;
const SOA = `controls:\n  A.5.15: { applicable: true, justification: ${yamlString(`Owned by @jdoe; ${EVIL}`)} }\n  ${yamlString(`A.5.${EVIL}`)}: { applicable: true }\n`;
const PLAIN_POLICY = ['---', 'id: POL-OK-001', 'title: Plain', 'owners: ["@jdoe"]', 'status: approved', 'last_reviewed: 2026-06-01', 'iso27001:', '  controls: [A.5.1]', '---', '# Purpose', ''].join('\n');

const FILES = {
  '.isms.yml': CONFIG,
  'soa.yml': SOA,
  'policies/plain.md': PLAIN_POLICY,
  // A login written without its `@`: the fix hint says `@jdoe`.
  'policies/hint.md': PLAIN_POLICY.replace('POL-OK-001', 'POL-HINT-001').replace('["@jdoe"]', '[jdoe]').replace('approved', 'draft'),
  // An invalid id carries the attack; the valid one reaches reminders (they need a real id).
  'policies/evil-id.md': hostilePolicy(EVIL),
  [`policies/${EVIL_NAME}.md`]: hostilePolicy('POL-EVIL-001', 'maps_to:\n  nist-csf-2.0: [A.9.1.1]'),
  // A file name with line breaks and an escape byte (no git here: the CLI reads the disk).
  [`policies/${EVIL_NAME}\n::error file=y::name\u001b[2J.md`]: hostilePolicy('POL-EVIL-002', 'iso27001_legacy: 1').replace('[A.5.15]', '[A.5.15, A.9.1.1]'),
};

// --- Reading text output as the Actions runner does -------------------------------------

/** The runner splits a step's output into lines at CR, LF and CRLF; terminals also at NEL, LS, PS. */
function logLines(text: string): string[] {
  return text.split(/\r\n|\r|\n|\u0085|\u2028|\u2029/);
}

/** A text output in which no policy value starts a line or drives the terminal. */
function expectInertText(text: string, ours: RegExp = /^$/): void {
  expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
  for (const line of logLines(text)) {
    if (ours.test(line)) continue;
    expect(line.trimStart().startsWith('::'), `a workflow command from policy text: ${JSON.stringify(line)}`).toBe(false);
  }
}

const cli = (cwd: string, argv: string[]) => runIsms(cwd, argv, { env: { ISMS_TODAY: TODAY } });

// --- Reading Markdown as GitHub does -----------------------------------------------------

interface MdNode {
  type: string;
  value?: string;
  url?: string;
  children?: MdNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

function walk(node: MdNode, visit: (node: MdNode, inLink: boolean) => void, inLink = false): void {
  visit(node, inLink);
  for (const child of node.children ?? []) walk(child, visit, inLink || node.type === 'link');
}

interface MarkdownFacts {
  codeSpans: string[];
  /** Raw source of the text nodes outside links: where GitHub finds mentions and references. */
  rawText: string[];
  links: string[];
  html: string[];
  images: number;
  /** GitHub Flavored Markdown rendered to HTML (autolink literals, tables, raw HTML kept). */
  rendered: string;
}

function readMarkdown(markdown: string): MarkdownFacts {
  const tree = unified().use(remarkParse).parse(markdown) as unknown as MdNode;
  const facts: MarkdownFacts = { codeSpans: [], rawText: [], links: [], html: [], images: 0, rendered: '' };
  walk(tree, (node, inLink) => {
    if (node.type === 'inlineCode') facts.codeSpans.push(node.value ?? '');
    if (node.type === 'text' && !inLink) facts.rawText.push(markdown.slice(node.position!.start.offset, node.position!.end.offset));
    if (node.type === 'link' || node.type === 'definition') facts.links.push(node.url ?? '');
    if (node.type === 'image' || node.type === 'imageReference') facts.images++;
    if (node.type === 'html') facts.html.push(node.value ?? '');
  });
  facts.rendered = micromark(markdown, {
    allowDangerousHtml: true,
    extensions: [gfmTable(), gfmAutolinkLiteral()],
    htmlExtensions: [gfmTableHtml(), gfmAutolinkLiteralHtml()],
  });
  return facts;
}

/** Our own HTML in posted Markdown: hidden markers and a few layout tags, nothing else. */
const OUR_HTML = /<!--[\s\S]*?-->|<\/?(?:sub|details|summary)>/g;

interface InertOptions {
  /** Link targets we write ourselves. */
  links: RegExp;
  /** Mentions that are meant (the owners in a reminder issue). */
  mentions?: readonly string[];
  /** Whether `@` in plain text must not notify (GitHub-posted Markdown). */
  posted: boolean;
}

function expectInertMarkdown(markdown: string, options: InertOptions): MarkdownFacts {
  const facts = readMarkdown(markdown);
  expect(markdown).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
  for (const html of facts.html) expect(html.replace(OUR_HTML, ''), `raw HTML: ${html}`).not.toContain('<');
  expect(facts.images).toBe(0);
  for (const url of facts.links) expect(url, 'a link from policy text').toMatch(options.links);
  // As GitHub renders it: no image, no link but ours (autolink literals included).
  expect(facts.rendered).not.toMatch(/<img/i);
  for (const [, href] of facts.rendered.matchAll(/<a href="([^"]*)"/g)) expect(href).toMatch(options.links);
  expect(facts.rendered).not.toMatch(/href="(?:[a-z]+:)?\/\/[^"/]*evil/i);
  for (const raw of facts.rawText) {
    // GitHub links these in text nodes (not in code spans): GH-123, owner/repo#1, #7, bare URLs.
    expect(raw, `a live reference: ${raw}`).not.toMatch(/\bGH-\d|[\w.-]+\/[\w.-]+#\d|(?:^|[^\\\w&])#\d|https?:\/\/|www\./i);
    if (options.posted) {
      for (const [mention] of raw.matchAll(/@[A-Za-z0-9][\w/-]*/g)) expect(options.mentions ?? [], `${mention} would notify: ${raw}`).toContain(mention);
    }
  }
  return facts;
}

const GITHUB_LINKS = /^https:\/\/github\.com\/(?:octo-org\/isms\/|isms-as-code\/isms-as-code)/;

// --- The tests ---------------------------------------------------------------------------

describe('text output: one line per value, whatever the policy says', () => {
  let root: string;
  beforeAll(() => {
    root = makeRepo(FILES);
  });

  it('isms check prints every finding on one line and no workflow command', async () => {
    const run = await cli(root, ['check']);
    expect(run.code).toBe(1);
    expectInertText(run.stdout + run.stderr);
    // The values are shown, visibly escaped, not dropped.
    expect(run.stdout).toContain(visible('\n::error file=x::pwned'));
    expect(run.stdout).toContain('\\x1b[31mred');
    expect(run.stdout).toContain('\\x85::stop-commands::tok');
    expect(run.stdout).toContain('\\u{2028}::warning::sep');
    // Each finding line starts with its file: the header lines and the finding lines are all there is.
    const lines = run.stdout.trimEnd().split('\n');
    for (const line of lines) expect(line).toMatch(/^(?:policies\/|soa\.yml|\.isms\.yml|\(ISMS\)|✖|✔|Coverage:|$)/);
  });

  it('isms check --format json keeps the raw values', async () => {
    const run = await cli(root, ['check', '--format', 'json']);
    const report = JSON.parse(run.stdout) as { policies: Array<{ title: string; owners: string[] }> };
    expect(report.policies.some((policy) => policy.title === EVIL && policy.owners.includes(EVIL))).toBe(true);
  });

  it('isms due, isms soa (stderr), isms remind --dry-run and a usage error stay one line per value', async () => {
    const due = await cli(root, ['due', '--all']);
    expect(due.code).toBe(0);
    expectInertText(due.stdout + due.stderr);
    expect(due.stdout).toContain(visible(EVIL));

    const soa = await cli(root, ['soa']);
    expectInertText(soa.stderr);
    expect(soa.stderr).toContain('soa.yml');

    const remind = await cli(root, ['remind', '--dry-run', '--repo', 'octo-org/isms']);
    expect(remind.code).toBe(0);
    expectInertText(remind.stdout + remind.stderr);
    expect(remind.stdout).toContain('POL-EVIL-001');

    const badConfig = makeRepo({ '.isms.yml': `${yamlString(`polices\n::error file=z::config\u001b[2J`)}: []\n`, 'policies/plain.md': PLAIN_POLICY });
    const usage = await cli(badConfig, ['check']);
    expect(usage.code).toBe(2);
    expectInertText(usage.stdout + usage.stderr);
    expect(usage.stderr).toContain('\\n::error file=z::config\\x1b[2J');
  });

  it('isms review and isms migrate name hostile file names on one line', async () => {
    const copy = makeRepo(FILES);
    const review = await cli(copy, ['review', 'POL-EVIL-002']);
    expect(review.code).toBe(0);
    expectInertText(review.stdout + review.stderr);
    expect(review.stdout).toContain('\\n::error file=y::name\\x1b[2J.md');

    const migrate = await cli(copy, ['migrate', '--dry-run']);
    expectInertText(migrate.stderr);
    expect(migrate.stderr).toContain('\\n::error file=y::name\\x1b[2J.md');
  });
});

describe('Markdown files and formats from the CLI', () => {
  let root: string;
  beforeAll(() => {
    root = makeRepo(FILES);
  });

  it('isms soa Markdown has no raw HTML or live link, and @jdoe stays greppable', async () => {
    const run = await cli(root, ['soa']);
    const facts = expectInertMarkdown(run.stdout, { links: /^policies\//, posted: false });
    expect(facts.links.length).toBeGreaterThan(0);
    // A file, not a post: nobody is notified, so logins are written as they are.
    expect(run.stdout).not.toContain('\u200d');
    expect(run.stdout).toContain('@jdoe');
    expect(run.stdout).toMatch(/Owned by @jdoe/);
  });

  it('isms check --format markdown and the coverage picture are inert when posted', async () => {
    const run = await cli(root, ['check', '--format', 'markdown']);
    const facts = expectInertMarkdown(run.stdout, { links: GITHUB_LINKS, posted: true });
    // A fix hint is a code span that pastes as it is: `@jdoe`, without an invisible joiner.
    expect(facts.codeSpans).toContain('@jdoe');
    expect(facts.codeSpans.join('\n')).not.toContain('\u200d');
    const result = await check({ root, today: TODAY });
    expectInertMarkdown(coverageMarkdown(result), { links: GITHUB_LINKS, posted: true });
    expect(formatMarkdown(result)).toBe(run.stdout);
  });

  it('code spans fence any backtick run and keep the exact text', () => {
    for (const text of ['`', '``', 'a`b', 'a``b', '```', '` x `', ' lead', 'trail ', '`start', 'end`', 'x`` ` `a``b```c````d`````e`', EVIL, '@jdoe']) {
      const facts = readMarkdown(`Value: ${inlineCode(text)} end`);
      expect(facts.codeSpans).toEqual([visible(text)]);
      expect(facts.html).toEqual([]);
      expect(facts.rendered).not.toMatch(/<img|<a /);
    }
  });
});

describe('the action: annotations, PR comment, review comments and job summary', () => {
  let repo: GitRepo;
  let fake: FakeGitHub;
  let run: ActionRun;
  const PR = 9;

  beforeAll(async () => {
    const { [`policies/${EVIL_NAME}\n::error file=y::name\u001b[2J.md`]: _withLineBreaks, ...gitSafe } = FILES;
    repo = makeGitRepo({ '.isms.yml': CONFIG, 'soa.yml': SOA, 'policies/plain.md': PLAIN_POLICY });
    const baseSha = repo.shas[0]!;
    const headSha = repo.commit(gitSafe, 'hostile policies');
    fake = await startFakeGitHub({ pulls: [{ number: PR, headSha, baseSha, files: repo.pullFiles(baseSha, headSha) }] });
    run = await runAction({
      workspace: repo.root,
      eventName: 'pull_request',
      payload: pullRequestPayload({ number: PR, headSha, baseSha }),
      inputs: { token: TOKEN },
      apiUrl: fake.url,
      sha: headSha,
    });
  }, 60_000);
  afterAll(() => fake.close());

  it('writes annotations and log lines in which no policy value is a workflow command', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const ours = /^::(?:error|warning|notice)(?: title=[a-z-]+(?:,file=[^,:]*,line=\d+,col=\d+)?)?::|^::(?:group|endgroup)::/;
    expectInertText(run.stdout + run.stderr, ours);
    const commands = logLines(run.stdout).filter((line) => line.trimStart().startsWith('::'));
    expect(commands.length).toBeGreaterThan(3);
    for (const line of commands) expect(line).toMatch(ours);
    // The values are in the annotations, escaped: the runner decodes %0A back to "\n" text only.
    expect(run.stdout).toContain('\\x1b[31mred');
  });

  it('posts a summary comment and review comments with nothing live from policy text', () => {
    expect(fake.state.comments).toHaveLength(1);
    const facts = expectInertMarkdown(fake.state.comments[0]!.body, { links: GITHUB_LINKS, posted: true });
    // Owners and ids are code spans holding the exact value (control characters shown visibly).
    expect(facts.codeSpans).toContain(visible(EVIL));
    expect(facts.codeSpans).toContain('@jdoe');
    expect(fake.state.reviewComments.length).toBeGreaterThan(0);
    for (const comment of fake.state.reviewComments) expectInertMarkdown(comment.body, { links: GITHUB_LINKS, posted: true });
  });

  it('writes a job summary with nothing live from policy text', () => {
    const facts = expectInertMarkdown(run.summary, { links: GITHUB_LINKS, posted: true });
    expect(facts.codeSpans).toContain(visible(EVIL));
  });
});

describe('reminder issues', () => {
  let repo: GitRepo;
  let fake: FakeGitHub;
  let first: ActionRun;
  const schedule = () =>
    runAction({
      workspace: repo.root,
      eventName: 'schedule',
      payload: { schedule: '0 7 * * 1', repository: { default_branch: 'main', full_name: 'octo-org/isms' } },
      inputs: { token: TOKEN, 'fail-on': 'never' },
      apiUrl: fake.url,
      sha: repo.shas.at(-1),
    });

  beforeAll(async () => {
    const { [`policies/${EVIL_NAME}\n::error file=y::name\u001b[2J.md`]: _withLineBreaks, ...gitSafe } = FILES;
    repo = makeGitRepo(gitSafe);
    fake = await startFakeGitHub();
    first = await schedule();
  }, 60_000);
  afterAll(() => fake.close());

  it('titles, bodies and the digest carry no live HTML, link or mention but the owners', () => {
    expect(first.status).toBe(0);
    expectInertText(first.stdout, /^::(?:error|warning|notice)(?: [^:]*)?::/);
    const issue = fake.state.issues.find((candidate) => candidate.title.includes('POL-EVIL-001'));
    expect(issue).toBeDefined();
    expect(issue!.title).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
    expect(issue!.title).not.toMatch(/@(?!\u200d)/);
    // The real owner is mentioned on purpose (and assigned); the hostile "owner" is not.
    const facts = expectInertMarkdown(issue!.body ?? '', { links: GITHUB_LINKS, mentions: ['@jdoe'], posted: true });
    expect(facts.rawText.join(' ')).toContain('@jdoe');
    expect(facts.codeSpans).toContain(visible(EVIL));
    expect(facts.codeSpans).toContain(`policies/${EVIL_NAME}.md`);
    expect(issue!.assignees.map((user) => user.login)).toEqual(['jdoe']);
    expectInertMarkdown(first.summary, { links: GITHUB_LINKS, posted: true });
  });

  it('closing comments are inert too', async () => {
    const evil = `policies/${EVIL_NAME}.md`;
    repo.commit({ [evil]: readFileSync(path.join(repo.root, evil), 'utf8').replace('status: approved', 'status: retired') }, 'retire');
    const second = await schedule();
    expect(second.status).toBe(0);
    const comments = fake.state.comments;
    expect(comments.length).toBeGreaterThan(0);
    for (const comment of comments) expectInertMarkdown(comment.body, { links: GITHUB_LINKS, posted: true });
  });

  it('renders the body deterministically from a hostile policy in process too', () => {
    const rendered = renderIssue({
      policy: {
        id: 'POL-EVIL-001',
        title: EVIL,
        file: `policies/${EVIL}.md`,
        owners: [EVIL, '@jdoe', 'ciso@example.com'],
        approver: EVIL,
        status: 'approved',
        last_reviewed: '2025-12-01',
        next_review: '2026-12-01',
        review_every: EVIL,
        clauses: [EVIL],
        controls: [EVIL],
      },
      links: { serverUrl: 'https://github.com', owner: 'octo-org', repo: 'isms', branch: 'main' },
      label: 'isms-review',
      unassignable: [],
    });
    const facts = expectInertMarkdown(rendered.body, { links: GITHUB_LINKS, mentions: ['@jdoe'], posted: true });
    expect(facts.codeSpans).toContain(visible(`policies/${EVIL}.md`));
    expect(facts.codeSpans).toContain('ciso@example.com');
  });
});
