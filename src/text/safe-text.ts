/**
 * Text that stays one line: the leaf every layer may use (the core's messages, the terminal,
 * the action's log). It imports nothing.
 */

/**
 * Characters that must never reach a line of text output raw: C0 controls (line feed, carriage
 * return and tab included), DEL, C1 controls (NEL, CSI ...), the Unicode line and paragraph
 * separators, and the bidirectional controls that reorder what a terminal shows.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_A_LINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function visibleEscape(char: string): string {
  const named = NAMED[char];
  if (named) return named;
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/**
 * Any value as (part of) one line of text: the guard every text output of policy, `soa.yml` or
 * `.isms.yml` values goes through (findings, `isms due`, log lines, annotations, usage errors).
 *
 * A raw line break in a value would start a new line, and a line that starts with `::` is a
 * workflow command when the CLI runs as a GitHub Actions step (`::error`, `::add-mask::`,
 * `::stop-commands::`); an escape byte drives the terminal. So each such character is shown
 * visibly, in one form: `\n`, `\r` and `\t`; `\xHH` for the other C0 controls, DEL and the C1
 * controls (escape is `\x1b`, NEL `\x85`); `\u{HHHH}` for U+2028, U+2029 and the bidirectional
 * controls. A backslash already in the text is left as it is: the form is for reading.
 * Formats that carry the raw value (JSON, SARIF) do not use it.
 */
export function safeText(text: string): string {
  return text.replace(UNSAFE_IN_A_LINE, visibleEscape);
}
