import type ExcelJS from 'exceljs';

/*
 * A small evaluator for the formulas energyWorkbook writes (+ - * /, comparisons, cell and
 * range references within and across sheets, SUM, IF, AND, ISNUMBER, "" literals), so tests can
 * recompute a read-back workbook from its entered values instead of trusting cached results.
 * Any other syntax throws, so a formula outside the subset fails the test rather than passing.
 */

export type FormulaValue = number | string | boolean | null;

type Token =
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'ref'; sheet: string | null; from: string; to: string | null }
  | { kind: 'name'; value: string }
  | { kind: 'op'; value: string };

const REF = /^(?:'((?:[^']|'')+)'!|([A-Za-z0-9_\u4e00-\u9fff]+)!)?\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?/;

function tokenize(formula: string): Token[] {
  const tokens: Token[] = [];
  let rest = formula.trim().replace(/^=/, '');
  while (rest.length > 0) {
    const space = /^\s+/.exec(rest);
    if (space) { rest = rest.slice(space[0].length); continue; }
    const num = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(rest);
    if (num) { tokens.push({ kind: 'number', value: Number(num[0]) }); rest = rest.slice(num[0].length); continue; }
    if (rest.startsWith('"')) {
      const end = rest.indexOf('"', 1);
      if (end === -1) throw new Error(`unterminated string in ${formula}`);
      tokens.push({ kind: 'string', value: rest.slice(1, end) });
      rest = rest.slice(end + 1);
      continue;
    }
    const ref = REF.exec(rest);
    if (ref && !/^[A-Z]+\(/.test(rest)) {
      const sheet = ref[1] !== undefined ? ref[1].replace(/''/g, "'") : ref[2] ?? null;
      tokens.push({ kind: 'ref', sheet, from: `${ref[3]}${ref[4]}`, to: ref[5] ? `${ref[5]}${ref[6]}` : null });
      rest = rest.slice(ref[0].length);
      continue;
    }
    const name = /^[A-Z]+(?=\()/.exec(rest);
    if (name) { tokens.push({ kind: 'name', value: name[0] }); rest = rest.slice(name[0].length); continue; }
    const op = /^(<>|>=|<=|[-+*/(),<>=])/.exec(rest);
    if (op) { tokens.push({ kind: 'op', value: op[0] }); rest = rest.slice(op[0].length); continue; }
    throw new Error(`cannot tokenize "${rest}" in ${formula}`);
  }
  return tokens;
}

function columnNumber(letters: string): number {
  return [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
}

function splitAddress(address: string): { col: number; row: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(address);
  if (!m?.[1] || !m[2]) throw new Error(`bad address ${address}`);
  return { col: columnNumber(m[1]), row: Number(m[2]) };
}

export class WorkbookEvaluator {
  private readonly cache = new Map<string, FormulaValue>();
  private readonly active = new Set<string>();

  constructor(private readonly workbook: ExcelJS.Workbook) {}

  /** The value of a cell, evaluating its formula (recursively) when it has one. */
  value(sheetName: string, address: string): FormulaValue {
    const key = `${sheetName}!${address}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    if (this.active.has(key)) throw new Error(`circular reference at ${key}`);
    const sheet = this.workbook.getWorksheet(sheetName);
    if (!sheet) throw new Error(`no sheet ${sheetName}`);
    const cell = sheet.getCell(address);
    // A merged cell's slaves report the master's value; only the master holds it.
    if (cell.isMerged && cell.master.address !== cell.address) return null;
    const raw = cell.value;
    let result: FormulaValue;
    if (raw === null || raw === undefined) result = null;
    else if (typeof raw === 'number' || typeof raw === 'string' || typeof raw === 'boolean') result = raw;
    else if (typeof raw === 'object' && 'formula' in raw && typeof raw.formula === 'string') {
      this.active.add(key);
      result = this.evaluate(sheetName, raw.formula);
      this.active.delete(key);
    } else if (typeof raw === 'object' && 'text' in raw && typeof raw.text === 'string') result = raw.text;
    else throw new Error(`unsupported cell value at ${key}`);
    this.cache.set(key, result);
    return result;
  }

  evaluate(sheetName: string, formula: string): FormulaValue {
    const tokens = tokenize(formula);
    let i = 0;
    const peek = () => tokens[i];
    const take = () => {
      const t = tokens[i++];
      if (!t) throw new Error(`unexpected end of ${formula}`);
      return t;
    };
    const expectOp = (op: string) => {
      const t = take();
      if (t.kind !== 'op' || t.value !== op) throw new Error(`expected ${op} in ${formula}`);
    };
    const num = (v: FormulaValue | FormulaValue[]): number => {
      if (Array.isArray(v)) throw new Error(`range used as a number in ${formula}`);
      if (v === null || v === '') return 0;
      if (typeof v === 'number') return v;
      if (typeof v === 'boolean') return v ? 1 : 0;
      throw new Error(`text "${v}" used as a number in ${formula}`);
    };
    const scalar = (v: FormulaValue | FormulaValue[]): FormulaValue => {
      if (Array.isArray(v)) throw new Error(`range used as a value in ${formula}`);
      return v;
    };
    const rangeValues = (t: Extract<Token, { kind: 'ref' }>): FormulaValue[] => {
      const sheet = t.sheet ?? sheetName;
      const from = splitAddress(t.from);
      const to = splitAddress(t.to ?? t.from);
      const values: FormulaValue[] = [];
      for (let r = from.row; r <= to.row; r++) {
        for (let c = from.col; c <= to.col; c++) {
          let letters = '';
          for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
          values.push(this.value(sheet, `${letters}${r}`));
        }
      }
      return values;
    };

    const primary = (): FormulaValue | FormulaValue[] => {
      const t = take();
      if (t.kind === 'number' || t.kind === 'string') return t.value;
      if (t.kind === 'op' && t.value === '-') return -num(primary());
      if (t.kind === 'op' && t.value === '(') { const v = comparison(); expectOp(')'); return v; }
      if (t.kind === 'ref') return t.to === null ? this.value(t.sheet ?? sheetName, t.from) : rangeValues(t);
      if (t.kind === 'name') {
        expectOp('(');
        const args: (FormulaValue | FormulaValue[])[] = [];
        const next = peek();
        if (!(next?.kind === 'op' && next.value === ')')) {
          args.push(comparison());
          while (peek()?.kind === 'op' && (peek() as { value: string }).value === ',') { take(); args.push(comparison()); }
        }
        expectOp(')');
        switch (t.value) {
          case 'SUM': return args.flat().reduce<number>((s, v) => s + (typeof v === 'number' ? v : 0), 0);
          case 'IF': {
            const [cond, a, b] = args;
            if (cond === undefined || a === undefined) throw new Error(`IF needs 2-3 arguments in ${formula}`);
            return num(cond) !== 0 ? scalar(a) : b === undefined ? false : scalar(b);
          }
          case 'AND': return args.every((a) => num(a) !== 0);
          case 'ISNUMBER': return typeof scalar(args[0] ?? null) === 'number';
          default: throw new Error(`unsupported function ${t.value} in ${formula}`);
        }
      }
      throw new Error(`unexpected token in ${formula}`);
    };
    const term = (): FormulaValue | FormulaValue[] => {
      let left = primary();
      for (let t = peek(); t?.kind === 'op' && (t.value === '*' || t.value === '/'); t = peek()) {
        take();
        const right = num(primary());
        left = t.value === '*' ? num(left) * right : num(left) / right;
      }
      return left;
    };
    const sum = (): FormulaValue | FormulaValue[] => {
      let left = term();
      for (let t = peek(); t?.kind === 'op' && (t.value === '+' || t.value === '-'); t = peek()) {
        take();
        const right = num(term());
        left = t.value === '+' ? num(left) + right : num(left) - right;
      }
      return left;
    };
    const comparison = (): FormulaValue | FormulaValue[] => {
      const left = sum();
      const t = peek();
      if (t?.kind === 'op' && ['>', '<', '>=', '<=', '=', '<>'].includes(t.value)) {
        take();
        const a = num(left);
        const b = num(sum());
        switch (t.value) {
          case '>': return a > b;
          case '<': return a < b;
          case '>=': return a >= b;
          case '<=': return a <= b;
          case '=': return a === b;
          default: return a !== b;
        }
      }
      return left;
    };
    const result = comparison();
    if (i !== tokens.length) throw new Error(`trailing tokens in ${formula}`);
    return scalar(result);
  }
}
