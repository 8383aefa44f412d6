/**
 * A path or value in a one-line message, with line breaks and other control characters
 * written as escapes (`\n`, `\u001b`), so a name from a repository can never start a new
 * line of output (or a workflow command) or move the terminal's cursor.
 */
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function escapeControls(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (character) => NAMED[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** In backticks, escaped. */
export function shown(value: string): string {
  return `\`${escapeControls(value)}\``;
}
