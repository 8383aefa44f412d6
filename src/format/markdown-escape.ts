/**
 * Escaping for text from policies that goes into Markdown: comments, issues and job summaries
 * posted to GitHub, and files such as the SoA. Policy text is hostile input: it must never
 * become raw HTML, a link (Markdown, bare URL or GitHub reference), a broken table, a new line,
 * or, in what GitHub posts, an @mention.
 *
 * Three helpers, one per place a value can stand:
 * - `escapeMarkdown`: a value in running text or a table cell;
 * - `inlineCode`: a value shown as code (ids, owners, file names), exactly as written;
 * - `markdownMessage`: a finding message or note, whose `code` parts become real code spans.
 * Control characters are shown in the one visible form of `safeText` (`\x1b`); in a code span
 * line breaks too (`\n`: a value is shown exactly), in prose they fold to a space.
 */
import { safeText } from './terminal.js';
import { splitCodeSpans } from '../text/code-spans.js';

export interface MarkdownEscapeOptions {
  /**
   * Whether `@` in running text is kept from notifying. GitHub notifies `@login` and
   * `@org/team` in the Markdown of comments, issues and reviews (never inside code spans): true
   * (the default) for anything posted there. False for files (`isms soa` output), where an
   * invisible joiner would only stop `grep @login` from finding the owner.
   */
  mentions?: boolean;
}

export interface CodeSpanOptions {
  /**
   * Inside a GFM table cell (the default) a `|` splits the cell even in a code span, so it is
   * escaped (GitHub shows the code without the backslash). Pass false in running text and
   * list items, where the backslash would be shown.
   */
  table?: boolean;
}

/**
 * Escapes a value for running Markdown text or a table cell. Prose is one line here: a line
 * break or tab (a YAML block scalar's) folds to a space; other control characters are shown
 * visibly, as in text output.
 */
export function escapeMarkdown(text: string, options: MarkdownEscapeOptions = {}): string {
  const escaped = safeText(text.replace(/\r\n|[\r\n\t\u0085\u2028\u2029]/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    // Escaped `#` also stops `#123` and `owner/repo#123` from linking to an issue.
    .replace(/[\\`*_{}[\]()#+!|~]/g, '\\$&')
    // Bare URLs and `www.` become links on GitHub (GFM autolink literals): an escape breaks them.
    .replace(/:\/\//g, '\\://')
    .replace(/\bwww\./gi, (match) => `${match.slice(0, 3)}\\.`)
    // `GH-123` links to issue 123, like `#123`.
    .replace(/\bGH-(?=\d)/gi, (match) => `${match.slice(0, 2)}\\-`);
  // A zero-width joiner after @ stops GitHub from notifying (@everyone, @org/team).
  return options.mentions === false ? escaped : escaped.replace(/@/g, '@\u200d');
}

/** The length of the longest run of backticks in `text`. */
function longestBacktickRun(text: string): number {
  let longest = 0;
  let run = 0;
  for (const char of text) {
    run = char === '`' ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/**
 * In a table cell, a `|` needs an odd number of backslashes before it not to split the cell
 * (backslashes pair up first); GitHub then drops one. Safe whatever the text holds.
 */
function escapeCellPipes(text: string): string {
  return text.replace(/(\\*)\|/g, (_match, slashes: string) => `${slashes}${slashes.length % 2 === 0 ? '\\' : ''}|`);
}

/**
 * A value as an inline code span that shows exactly the text (CommonMark's rule): the fence is
 * one backtick longer than the longest backtick run inside, so nothing in the text can close
 * it, and a space pads each side when the text starts or ends with a backtick or a space (the
 * parser strips one on each side). Code spans are inert on GitHub: no HTML, link, reference or
 * mention, so `@login` is shown and pasted as it is.
 */
export function inlineCode(text: string, options: CodeSpanOptions = {}): string {
  let clean = safeText(text);
  if (options.table !== false) clean = escapeCellPipes(clean);
  if (clean === '') return '` `';
  const fence = '`'.repeat(longestBacktickRun(clean) + 1);
  const allSpaces = /^ +$/.test(clean);
  const pad = !allSpaces && /^[` ]|[` ]$/.test(clean) ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/**
 * A finding message or note in Markdown. Messages quote values and fixes in backticks
 * (`expected \`@alice\``); those parts become code spans that show and paste exactly, and the
 * rest is escaped running text. A value whose own backticks confuse the split is still escaped:
 * each part is inert whichever way it falls.
 */
export function markdownMessage(message: string, options: MarkdownEscapeOptions & CodeSpanOptions = {}): string {
  return splitCodeSpans(message)
    .map((part) => (part.code ? inlineCode(part.text, options) : escapeMarkdown(part.text, options)))
    .join('');
}

/** Truncates to at most `max` characters, saying so. */
export function truncate(text: string, max: number, note = '\n\n_… truncated: the full report is in the job summary and the JSON report._\n'): string {
  if (text.length <= max) return text;
  return text.slice(0, Math.max(0, max - note.length)) + note;
}
