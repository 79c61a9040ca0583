/*
 * The words a library or JavaScript puts in an exception never go into the sentence the officer
 * reads (issue 13): they go into a Result's details (shown collapsed as 技术详情 and logged), and
 * the sentence says in Chinese what is wrong. These helpers turn the common cases into words.
 */

/** The exception's own text, for details and logs only. */
export function technicalText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** Details carried by a refusal: the technical text, kept out of the message. */
export function technicalDetails(error: unknown): { readonly technical: string } {
  return { technical: technicalText(error) };
}

/**
 * Where JSON.parse stopped, in the officer's words: "第 3 行第 17 列附近" or "内容在结尾处不完整".
 * V8 reports "at position N" (or "line L column C"); anything else gives a general sentence.
 */
export function describeJsonSyntaxError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  if (/end of JSON input|Unterminated string/i.test(message)) return '内容在结尾处不完整（文件可能被截断）';
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn !== null) return `第 ${lineColumn[1]} 行第 ${lineColumn[2]} 列附近有格式错误`;
  const position = /position (\d+)/.exec(message);
  if (position !== null) {
    const at = Math.min(Number(position[1]), text.length);
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    return `第 ${line} 行第 ${column} 列附近有格式错误`;
  }
  return '内容有格式错误';
}
