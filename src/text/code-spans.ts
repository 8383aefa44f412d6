/**
 * Where a message's code spans are, the CommonMark way, for every place that
 * shows messages: Markdown (comments, summaries, the SoA) re-emits each span
 * with a safe fence, the HTML report turns it into <code>. Messages quote
 * values from policies, which are hostile input: the split must stay linear
 * however the backticks fall.
 */

/** One piece of a message: running text, or the content of a code span. */
export interface MessagePart {
  code: boolean;
  text: string;
}

/**
 * Splits a message at its code spans as CommonMark does: a run of backticks opens a span that
 * the next run of the same length closes; a run without a match is literal text. Linear: each
 * run length keeps a cursor into its own list of runs, which only moves forward.
 */
export function splitCodeSpans(message: string): MessagePart[] {
  const runs: Array<{ start: number; end: number }> = [];
  for (const match of message.matchAll(/`+/g)) runs.push({ start: match.index, end: match.index + match[0].length });
  const byLength = new Map<number, number[]>();
  runs.forEach((run, index) => {
    const length = run.end - run.start;
    const list = byLength.get(length);
    if (list) list.push(index);
    else byLength.set(length, [index]);
  });
  const cursor = new Map<number, number>();
  const parts: MessagePart[] = [];
  let textFrom = 0;
  for (let index = 0; index < runs.length; index++) {
    const open = runs[index]!;
    const length = open.end - open.start;
    const candidates = byLength.get(length)!;
    let at = cursor.get(length) ?? 0;
    while (at < candidates.length && candidates[at]! <= index) at++;
    cursor.set(length, at);
    if (at === candidates.length) continue; // no closing run: literal backticks
    const closeIndex = candidates[at]!;
    const close = runs[closeIndex]!;
    if (open.start > textFrom) parts.push({ code: false, text: message.slice(textFrom, open.start) });
    let content = message.slice(open.end, close.start);
    if (content.length >= 2 && content.startsWith(' ') && content.endsWith(' ') && /[^ ]/.test(content)) content = content.slice(1, -1);
    const previous = parts.at(-1);
    // Two spans side by side would fuse their fences: one span shows the same text.
    if (previous?.code && textFrom === open.start) previous.text += content;
    else parts.push({ code: true, text: content });
    textFrom = close.end;
    index = closeIndex;
  }
  if (textFrom < message.length) parts.push({ code: false, text: message.slice(textFrom) });
  return parts;
}
