import { describe, expect, it } from 'vitest';
import { annualPue, monthlyPue, pueFromSums } from '../../../shared/energy/pue';
import { reading } from './helpers';

const it_ = { isItEquipment: true };

describe('PUE = total facility electricity ÷ IT equipment electricity', () => {
  it('per month, mixing 万kWh and kWh', () => {
    const readings = [
      reading('dc', '2021-01', '电力', 150, '万kWh'),
      reading('dc', '2021-01', '电力', 1_000_000, 'kWh', it_),
      reading('dc', '2021-02', '电力', 1_300_000, 'kWh'),
      reading('dc', '2021-02', '电力', 1000, 'MWh', it_),
    ];
    const months = monthlyPue(readings, 'dc', 2021);
    expect(months).toHaveLength(12);
    expect(months[0]).toMatchObject({ month: '2021-01', totalKwh: 1_500_000, itKwh: 1_000_000, pue: 1.5, issue: null });
    expect(months[1]?.pue).toBeCloseTo(1.3, 12);
    expect(months[2]).toMatchObject({ totalKwh: null, itKwh: null, pue: null, issue: 'noData' });
  });

  it('per year from the sums, not the mean of monthly PUEs', () => {
    const readings = [
      reading('dc', '2021-01', '电力', 1000, 'kWh'), reading('dc', '2021-01', '电力', 500, 'kWh', it_), // 2.0
      reading('dc', '2021-02', '电力', 3000, 'kWh'), reading('dc', '2021-02', '电力', 2000, 'kWh', it_), // 1.5
    ];
    const year = annualPue(readings, 'dc', 2021);
    expect(year.pue).toBe(1.6); // 4000 / 2500; the mean would be 1.75
    expect(year).toMatchObject({ totalKwh: 4000, itKwh: 2500, monthsCounted: ['2021-01', '2021-02'], monthsIncomplete: [] });
  });

  it('leaves out months with only one meter, and says which', () => {
    const readings = [
      reading('dc', '2021-01', '电力', 1000, 'kWh'), reading('dc', '2021-01', '电力', 500, 'kWh', it_),
      reading('dc', '2021-02', '电力', 9000, 'kWh'),
      reading('dc', '2021-03', '电力', 700, 'kWh', it_),
    ];
    const months = monthlyPue(readings, 'dc', 2021);
    expect(months[1]).toMatchObject({ pue: null, issue: 'noItReading' });
    expect(months[2]).toMatchObject({ pue: null, issue: 'noTotalReading' });
    const year = annualPue(readings, 'dc', 2021);
    expect(year).toMatchObject({ pue: 2, monthsCounted: ['2021-01'], monthsIncomplete: ['2021-02', '2021-03'] });
  });

  it('flags IT above total (PUE below 1) and keeps other sites and years out', () => {
    const readings = [
      reading('dc', '2021-01', '电力', 900, 'kWh'), reading('dc', '2021-01', '电力', 1000, 'kWh', it_),
      reading('dc2', '2021-01', '电力', 5000, 'kWh'),
      reading('dc', '2020-01', '电力', 5000, 'kWh'),
    ];
    expect(monthlyPue(readings, 'dc', 2021)[0]).toMatchObject({ pue: 0.9, issue: 'itExceedsTotal' });
    expect(annualPue(readings, 'dc', 2021).totalKwh).toBe(900);
  });

  it('tells when the site used other energy that PUE leaves out', () => {
    const readings = [reading('dc', '2021-01', '电力', 1000, 'kWh'), reading('dc', '2021-01', '电力', 800, 'kWh', it_)];
    expect(annualPue(readings, 'dc', 2021).hasOtherEnergy).toBe(false);
    expect(annualPue([...readings, reading('dc', '2021-05', '柴油', 1, 't')], 'dc', 2021).hasOtherEnergy).toBe(true);
  });

  it('has no PUE without IT energy', () => {
    expect(pueFromSums(100, 0)).toBeNull();
    expect(annualPue([], 'dc', 2021).pue).toBeNull();
  });
});
