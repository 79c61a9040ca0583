import { describe, expect, it } from 'vitest';
import { MIN_PRINTED_FONT_SIZE, planPrint, printableWidth, printedWidthPoints, rowHeightFor, wrappedLineCount } from '../../../shared/export/printLayout';

describe('print plans: A4, text never below 8 pt', () => {
  it('prints narrow sheets portrait at full size', () => {
    expect(planPrint([10, 20, 10])).toEqual({ orientation: 'portrait', isFittedToWidth: false, scale: 1, printedFontSize: 11 });
  });

  it('fits to the page width while the text stays at 8 pt or more', () => {
    const plan = planPrint([24, 26, 20, 11, 6, 7, 8, 11, 14, 40], 11, 'landscape');
    expect(plan.isFittedToWidth).toBe(true);
    expect(plan.printedFontSize).toBeGreaterThanOrEqual(MIN_PRINTED_FONT_SIZE);
    expect(plan.scale).toBeCloseTo(printableWidth('landscape') / printedWidthPoints([24, 26, 20, 11, 6, 7, 8, 11, 14, 40]));
  });

  it('never fits a sheet so wide that the text would print below 8 pt: it prints at full size on more pages', () => {
    // The old tracker: 11 columns, 282 characters, about 5 pt when fitted to one A4 width.
    const plan = planPrint([36, 40, 28, 13, 10, 9, 10, 12, 24, 70, 30]);
    expect(plan).toMatchObject({ orientation: 'landscape', isFittedToWidth: false, scale: 1, printedFontSize: 11 });
  });

  it('turns a sheet landscape when portrait would need text below 8 pt', () => {
    expect(planPrint(Array.from({ length: 12 }, () => 12)).orientation).toBe('landscape');
  });
});

describe('row heights for wrapped text (LibreOffice and WPS do not fit rows)', () => {
  it('counts lines by paragraph and width, Han characters about two digits wide', () => {
    expect(wrappedLineCount('', 10)).toBe(1);
    expect(wrappedLineCount('0123456789', 12)).toBe(1);
    expect(wrappedLineCount('企业合规工作台企业合规工作台', 12)).toBe(3);
    expect(wrappedLineCount('第一行\n第二行\n第三行', 40)).toBe(3);
  });

  it('takes the tallest cell of the row', () => {
    const one = rowHeightFor([{ text: '短', width: 10 }]);
    const three = rowHeightFor([{ text: '短', width: 10 }, { text: '一\n二\n三', width: 10 }]);
    expect(three).toBeGreaterThanOrEqual(3 * one - 10);
    expect(three).toBeGreaterThan(one);
  });
});
