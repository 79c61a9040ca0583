import { useState } from 'react';
import { isIsoDate, localIsoDate, type IsoDate } from '../../../shared/domain/isoDate';
import { useHashParam } from '../../app/hashLocation';

/**
 * The day 合规概览 judges the company on (判断日): today unless the officer picks another day, e.g.
 * the day an application will be submitted or the day of a past inspection.
 */
export interface JudgementDate {
  readonly date: IsoDate;
  /** The user's local date when the page opened. */
  readonly today: IsoDate;
  readonly isToday: boolean;
  /** A `date=` value in the address that is not a real date; the page judges on today instead and says so. */
  readonly invalidParam: string | null;
  /** null goes back to today. */
  readonly setDate: (date: IsoDate | null) => void;
}

/*
 * Kept in the hash query (`#/overview?date=2027-03-01`) like the other pages' view state, so a
 * reload or a copied address judges on the same day. Today is left out of the address, so an
 * overview opened tomorrow from a bookmark made today still means "today".
 */
export function useJudgementDate(): JudgementDate {
  const [today] = useState(() => localIsoDate(new Date()));
  const [param, setParam] = useHashParam('date');
  const chosen = param !== null && isIsoDate(param) ? param : null;
  const date = chosen ?? today;
  return {
    date,
    today,
    isToday: date === today,
    invalidParam: param !== null && chosen === null ? param : null,
    setDate: (next) => setParam(next === null || next === today ? null : next),
  };
}
