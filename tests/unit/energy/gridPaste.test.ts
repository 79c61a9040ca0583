import { describe, expect, it } from 'vitest';
import { isBlockPaste, pasteIntoGrid, readGridCell, splitPastedBlock } from '../../../shared/energy/gridPaste';

const empty = (rows: number) => Array.from({ length: rows }, () => Array.from({ length: 12 }, () => ''));

describe('splitPastedBlock', () => {
  it('reads one Excel row of 12 values with its trailing line break', () => {
    expect(splitPastedBlock('1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\r\n')).toEqual([['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']]);
  });

  it('reads several rows, keeps empty cells in place and trims odd spaces', () => {
    expect(splitPastedBlock('1\t\t3\n\u00a04 \t5\t\n')).toEqual([['1', '', '3'], ['4', '5', '']]);
  });

  it('unquotes a cell Excel quoted, with doubled quotes inside', () => {
    expect(splitPastedBlock('"1,234"\t"a ""b"""\t"x\ny"')).toEqual([['1,234', 'a "b"', 'x\ny']]);
  });
});

describe('isBlockPaste', () => {
  it('tells a block from one value copied from one cell', () => {
    expect(isBlockPaste('12.5\r\n')).toBe(false);
    expect(isBlockPaste('12.5')).toBe(false);
    expect(isBlockPaste('1\t2')).toBe(true);
    expect(isBlockPaste('1\n2\n')).toBe(true);
  });
});

describe('pasteIntoGrid', () => {
  it('writes a row from the cell pasted into and counts what falls off the grid', () => {
    const result = pasteIntoGrid(empty(1), 0, 10, '7\t8\t9\t10');
    expect(result.cells[0]?.slice(10)).toEqual(['7', '8']);
    expect(result.written).toEqual([[0, 10], [0, 11]]);
    expect(result.cutOff).toBe(2);
  });

  it('writes a block down the rows and leaves other cells alone', () => {
    const grid = empty(3);
    grid[0]![0] = 'keep';
    const result = pasteIntoGrid(grid, 1, 0, '1\t2\n3\t4\n5\t6\n');
    expect(result.cells[0]?.[0]).toBe('keep');
    expect(result.cells[1]?.slice(0, 2)).toEqual(['1', '2']);
    expect(result.cells[2]?.slice(0, 2)).toEqual(['3', '4']);
    expect(result.cutOff).toBe(2);
    expect(grid[1]?.[0]).toBe('');
  });
});

describe('readGridCell', () => {
  it('reads thousands separators, full-width digits and spaces as numbers', () => {
    expect(readGridCell('1,234.5')).toEqual({ kind: 'number', value: 1234.5 });
    expect(readGridCell('１２，３４５．６')).toEqual({ kind: 'number', value: 12345.6 });
    expect(readGridCell(' 768.9 ')).toEqual({ kind: 'number', value: 768.9 });
    expect(readGridCell('0')).toEqual({ kind: 'number', value: 0 });
  });

  it('takes an empty cell as no entry, not zero', () => {
    expect(readGridCell('')).toEqual({ kind: 'empty' });
    expect(readGridCell('   ')).toEqual({ kind: 'empty' });
  });

  it('gives the dialog’s Chinese reason for text, negatives and absurd magnitudes', () => {
    expect(readGridCell('12吨')).toEqual({ kind: 'invalid', message: '用量：“12吨”不是数字，请只填写数值，单位另选' });
    expect(readGridCell('-5')).toEqual({ kind: 'invalid', message: '用量：不能为负数（-5）' });
    expect(readGridCell('1e308')).toEqual({ kind: 'invalid', message: '用量：数值过大（1e+308），请检查单位' });
    expect(readGridCell('1e309')).toEqual({ kind: 'invalid', message: '用量：数值过大' });
    expect(readGridCell('—')).toMatchObject({ kind: 'invalid' });
  });
});
