/**
 * Reduces a style sheet's text to the declarations jsdom's computed style is asked about under
 * test, and drops every rule left without one.
 *
 * Under jsdom, getComputedStyle matches every rule of every sheet against the element and its
 * ancestors. antd's CSS-in-JS puts some 2,400 rules (450 kB) into the page for one form, which makes
 * a single call take tens of milliseconds, and Testing Library calls it for every element it
 * considers (role queries, accessible names, user-event's pointer-events check): three quarters of
 * the component tier's time went there. jsdom lays nothing out, so sizes, colours and fonts answer
 * nothing; what the tests' tools read is whether an element is shown (`display`, `visibility`),
 * whether it takes the pointer (`pointer-events`) and generated text (`content`). Those declarations
 * are kept with their selectors, media queries and order, so they cascade exactly as before.
 */
const KEPT_PROPERTIES = new Set(['display', 'visibility', 'pointer-events', 'content']);

/** Group rules whose contents are rules and are filtered in turn; other at-rules are kept whole. */
const GROUPING_AT_RULES = /^@(media|supports|layer|container|scope|document)\b/i;

interface Block {
  prelude: string;
  items: string[];
}

function keptDeclaration(text: string): string | null {
  const colon = text.indexOf(':');
  if (colon < 0) return null;
  const property = text.slice(0, colon).trim().toLowerCase();
  return KEPT_PROPERTIES.has(property) ? `${text.trim()};` : null;
}

/**
 * Whether every selector of a rule names a pseudo-element (`.a::before, .b::after`). jsdom never
 * applies such a rule to an element, so it can go without changing any computed style.
 */
function onlyPseudoElements(prelude: string): boolean {
  if (prelude.startsWith('@')) return false;
  const selectors: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < prelude.length; i += 1) {
    const char = prelude[i];
    if (char === '(' || char === '[') depth += 1;
    else if (char === ')' || char === ']') depth -= 1;
    else if (char === ',' && depth === 0) {
      selectors.push(prelude.slice(start, i));
      start = i + 1;
    }
  }
  selectors.push(prelude.slice(start));
  return selectors.every((selector) => /::?(before|after|first-line|first-letter)\b|::[\w-]+/i.test(selector));
}

export function visibilityOnlyCss(css: string): string {
  const stack: Block[] = [{ prelude: '', items: [] }];
  /** Text of rules kept whole (such as @keyframes) while inside them, and their depth. */
  let verbatim = '';
  let verbatimDepth = 0;
  let buffer = '';
  let index = 0;

  while (index < css.length) {
    const char = css[index]!;
    // Strings and comments may hold braces and semicolons; copy strings whole, skip comments.
    if (char === '"' || char === "'") {
      let end = index + 1;
      while (end < css.length && css[end] !== char) end += css[end] === '\\' ? 2 : 1;
      const text = css.slice(index, end + 1);
      if (verbatimDepth > 0) verbatim += text;
      else buffer += text;
      index = end + 1;
      continue;
    }
    if (char === '/' && css[index + 1] === '*') {
      const end = css.indexOf('*/', index + 2);
      index = end < 0 ? css.length : end + 2;
      continue;
    }
    index += 1;

    if (verbatimDepth > 0) {
      verbatim += char;
      if (char === '{') verbatimDepth += 1;
      if (char === '}') {
        verbatimDepth -= 1;
        if (verbatimDepth === 0) {
          stack.at(-1)!.items.push(verbatim);
          verbatim = '';
        }
      }
      continue;
    }

    if (char === '{') {
      const prelude = buffer.trim();
      buffer = '';
      if (prelude.startsWith('@') && !GROUPING_AT_RULES.test(prelude)) {
        verbatim = `${prelude}{`;
        verbatimDepth = 1;
      } else {
        stack.push({ prelude, items: [] });
      }
    } else if (char === ';' || char === '}') {
      const text = buffer.trim();
      buffer = '';
      const current = stack.at(-1)!;
      if (text !== '') {
        // At the top of the sheet a statement (`@layer a, b;`) is kept; in a rule, a declaration only if it is asked about.
        const kept = stack.length === 1 ? `${text};` : keptDeclaration(text);
        if (kept !== null) current.items.push(kept);
      }
      if (char === '}' && stack.length > 1) {
        stack.pop();
        if (current.items.length > 0 && !onlyPseudoElements(current.prelude)) stack.at(-1)!.items.push(`${current.prelude}{${current.items.join('')}}`);
      }
    } else {
      buffer += char;
    }
  }
  return stack[0]!.items.join('');
}
