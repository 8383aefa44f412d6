/**
 * Escaping for text from policies that goes into GitHub Markdown (comments,
 * issues, job summaries): no raw HTML, no @mentions, no broken tables, no
 * auto-links to other issues.
 */

/** Escapes text for a Markdown paragraph or table cell. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    // Escaped `#` also stops `#123` from linking to an issue.
    .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1')
    // A zero-width joiner after @ stops GitHub from notifying (@everyone, @org/team).
    .replace(/@/g, '@\u200d')
    // Table cells and list items are one line.
    .replace(/\r?\n/g, ' ');
}

/** Escapes for inline code spans: the text stays literal, backticks cannot close the span. */
export function inlineCode(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/@/g, '@\u200d');
  const fence = clean.includes('`') ? '`` ' : '`';
  const close = clean.includes('`') ? ' ``' : '`';
  return `${fence}${clean.replace(/\|/g, '\\|')}${close}`;
}

/** Truncates to at most `max` characters, saying so. */
export function truncate(text: string, max: number, note = '\n\n_… truncated: the full report is in the job summary and the JSON report._\n'): string {
  if (text.length <= max) return text;
  return text.slice(0, Math.max(0, max - note.length)) + note;
}
