/**
 * Escaping for text that goes into the HTML report. Everything from policies,
 * the SoA and the config is hostile: it is only ever inserted as escaped text or
 * an escaped quoted attribute value, never as markup, URL or script.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and double-quoted attribute values; drops control characters. */
export function escapeHtml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

/** An id attribute derived from a catalog id (`A.5.1` -> `A-5-1`): only [A-Za-z0-9-]. */
export function htmlId(prefix: string, id: string): string {
  return `${prefix}-${id.replace(/[^A-Za-z0-9]+/g, '-')}`;
}
