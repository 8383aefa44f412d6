/**
 * Text from findings and policies as the HTML report shows it: a message's
 * backtick code spans become <code> (as in the terminal and on GitHub, where the
 * same message is Markdown), long runs of ids are folded behind a <details>, and
 * file paths may wrap after each `/` but never inside a name. Everything is
 * escaped first: the only markup is what these functions add.
 */
import { splitCodeSpans, type MessagePart } from '../text/code-spans.js';
import { escapeHtml as e } from './html-escape.js';

/** A run of more code spans than this (ids separated by `, ` or `; `) is folded. */
export const FOLD_AFTER = 10;

const SEPARATOR = /^(, |; |, and | and )$/;

/** Renders a message: code spans as <code>, a list of more than FOLD_AFTER ids folded. */
export function messageHtml(message: string): string {
  const pieces = splitCodeSpans(message);
  const out: string[] = [];
  let index = 0;
  while (index < pieces.length) {
    // A run: code (sep code)* — fold it when it is long.
    let end = index;
    let codes = 0;
    if (pieces[index]!.code) {
      codes = 1;
      end = index + 1;
      while (end + 1 < pieces.length && !pieces[end]!.code && SEPARATOR.test(pieces[end]!.text) && pieces[end + 1]!.code) {
        end += 2;
        codes++;
      }
    }
    if (codes > FOLD_AFTER + 2) {
      const run = pieces.slice(index, end);
      const cut = FOLD_AFTER * 2 - 1;
      out.push(run.slice(0, cut).map(pieceHtml).join(''));
      out.push(`<details class="more"><summary>+${codes - FOLD_AFTER} more</summary>${run.slice(cut).map(pieceHtml).join('')}</details>`);
      index = end;
      continue;
    }
    out.push(pieceHtml(pieces[index]!));
    index++;
  }
  return out.join('');
}

function pieceHtml(piece: MessagePart): string {
  return piece.code ? `<code>${e(piece.text)}</code>` : e(piece.text);
}

/** A list of items shown inline, the ones after `shown` behind "+N more". */
export function foldedList(items: readonly string[], shown = FOLD_AFTER, separator = ', '): string {
  if (items.length <= shown + 2) return items.join(separator);
  return `${items.slice(0, shown).join(separator)}<details class="more"><summary>+${items.length - shown} more</summary>${items.slice(shown).join(separator)}</details>`;
}

/**
 * A repo-relative path that may wrap after each `/` (a <wbr>), never inside a name:
 * each name keeps its slash and does not break (a hyphen is a break opportunity in
 * plain text, and `information-security/` cut after `information-` misleads).
 */
export function pathHtml(file: string): string {
  const parts = file.split('/');
  return parts.map((part, index) => `<span class="seg">${e(index < parts.length - 1 ? `${part}/` : part)}</span>`).join('<wbr>');
}
