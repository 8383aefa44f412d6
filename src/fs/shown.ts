/**
 * A path or value in a one-line message: in backticks, with line breaks and other control
 * characters written as escapes (`\n`, `\u001b`), so a name from a repository can never start
 * a new line of output (or a workflow command) or move the terminal's cursor.
 */
export function shown(value: string): string {
  // eslint-disable-next-line no-control-regex
  const escaped = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (character) => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    return named[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return `\`${escaped}\``;
}
