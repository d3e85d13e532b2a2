/** Date arithmetic in UTC for daily tables: no time zone can shift a day. */

const DAY_MS = 86_400_000;

export function parseIsoDate(iso: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : undefined;
  if (!d || d.getUTCDate() !== +m![3]) throw new RangeError(`start must be a date like 2011-01-01, got ${JSON.stringify(iso)}`);
  return d;
}

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * DAY_MS);
}

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Day of the year, 0 on 1 January. */
export function dayOfYear(d: Date): number {
  return Math.round((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY_MS);
}

/**
 * The season code of the UCI bike-sharing data: 1 from 21 Dec, 2 from 21 Mar,
 * 3 from 21 Jun, 4 from 23 Sep. (UCI names them spring, summer, fall, winter,
 * so its "spring" is the astronomical winter; the codes are what its files hold.)
 */
export function season(d: Date): number {
  const md = (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
  if (md >= 1221 || md < 321) return 1;
  if (md < 621) return 2;
  if (md < 923) return 3;
  return 4;
}

/** US federal holidays (fixed dates as they fall, without the observed-on-Friday/Monday shift). */
export function isFederalHoliday(d: Date): boolean {
  const month = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  const weekday = d.getUTCDay();
  const nth = Math.floor((day - 1) / 7) + 1;
  const last = day + 7 > new Date(Date.UTC(d.getUTCFullYear(), month, 0)).getUTCDate();
  const fixed = [[1, 1], [7, 4], [11, 11], [12, 25]].some(([m, dd]) => m === month && dd === day);
  const monday = weekday === 1 && (
    (month === 1 && nth === 3) || (month === 2 && nth === 3) || (month === 5 && last) ||
    (month === 9 && nth === 1) || (month === 10 && nth === 2));
  const thanksgiving = month === 11 && weekday === 4 && nth === 4;
  return fixed || monday || thanksgiving;
}
