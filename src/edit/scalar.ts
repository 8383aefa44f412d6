/** Writing a new value where a YAML scalar was, in the quoting style the author used. */
import { Scalar } from 'yaml';

/** `value` quoted as `node` was: `"x"`, `'x'` or plain. For ids and dates, which never need escaping beyond quotes. */
export function renderLike(node: Scalar | null | undefined, value: string): string {
  switch (node?.type) {
    case Scalar.QUOTE_DOUBLE:
      return JSON.stringify(value);
    case Scalar.QUOTE_SINGLE:
      return `'${value.replace(/'/g, "''")}'`;
    default:
      return value;
  }
}
