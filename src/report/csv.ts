/**
 * CSV (RFC 4180) for spreadsheets: every field quoted when it holds a quote,
 * comma, CR or LF, quotes doubled, CRLF between records.
 *
 * Two decisions for the people who open it:
 * - a UTF-8 byte order mark first, because Excel reads a CSV without one as the
 *   local ANSI code page and turns `Müller` into `MÃ¼ller` (LibreOffice, Google
 *   Sheets and csv parsers that know UTF-8 skip or accept it);
 * - text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
 *   `@`, tab or CR: "CSV injection") gets a leading `'`, which spreadsheets show as
 *   text. Policy text is hostile input; owners such as `@alice` stay readable.
 */

export const BOM = '\uFEFF';

export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRecord(fields: readonly string[]): string {
  return fields.map(csvField).join(',');
}

/** A whole document: BOM, header and records, each record ending in CRLF. */
export function csvDocument(header: readonly string[], records: ReadonlyArray<readonly string[]>): string {
  return `${BOM}${[header, ...records].map((record) => `${csvRecord(record)}\r\n`).join('')}`;
}
