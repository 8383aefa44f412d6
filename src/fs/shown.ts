/**
 * A path or value in a one-line message, escaped as every text line is (safeText: line breaks
 * and control characters shown as `\n`, `\x1b` ...), so a name from a repository can never
 * start a new line of output (or a workflow command) or move the terminal's cursor.
 */
import { safeText } from '../text/safe-text.js';

export { safeText as escapeControls };

/** In backticks, escaped. */
export function shown(value: string): string {
  return `\`${safeText(value)}\``;
}
