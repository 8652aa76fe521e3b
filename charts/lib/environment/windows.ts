/**
 * Maintenance and backup windows: their text form (the schema's patterns) and as minute-of-week
 * intervals, to check they never overlap.
 */
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** A daily window, "01:00-02:00" (RDS backup, ElastiCache snapshot). */
export const DAILY_WINDOW_PATTERN = '^([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-3]):[0-5]\\d$';
/** A weekly window, "sun:03:00-sun:04:00" (maintenance). */
export const WEEKLY_WINDOW_PATTERN = `^(${DAYS.join('|')}):([01]\\d|2[0-3]):[0-5]\\d-(${DAYS.join('|')}):([01]\\d|2[0-3]):[0-5]\\d$`;
const MINUTES_PER_DAY = 24 * 60;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

type Interval = readonly [number, number];

function minutes(clock: string): number {
  const [hours, mins] = clock.split(':').map(Number);
  return hours * 60 + mins;
}

/** "sun:03:00-sun:04:00" → one interval in minutes of the week (wrapping weeks split in two). */
export function weeklyWindow(text: string): Interval[] {
  const [from, to] = text.split('-');
  const at = (part: string) => DAYS.indexOf(part.slice(0, 3)) * MINUTES_PER_DAY + minutes(part.slice(4));
  return split(at(from), at(to));
}

/** "01:00-02:00" → the same interval on each day of the week. */
export function dailyWindow(text: string): Interval[] {
  const [from, to] = text.split('-').map(minutes);
  return DAYS.flatMap((_, day) => split(day * MINUTES_PER_DAY + from, day * MINUTES_PER_DAY + to + (to <= from ? MINUTES_PER_DAY : 0)));
}

function split(start: number, end: number): Interval[] {
  const realEnd = end <= start ? end + MINUTES_PER_WEEK : end;
  if (realEnd <= MINUTES_PER_WEEK) return [[start, realEnd]];
  return [[start, MINUTES_PER_WEEK], [0, realEnd - MINUTES_PER_WEEK]];
}

export function windowsOverlap(a: readonly Interval[], b: readonly Interval[]): boolean {
  return a.some(([aStart, aEnd]) => b.some(([bStart, bEnd]) => aStart < bEnd && bStart < aEnd));
}

/** Length of a window in minutes. */
export function windowMinutes(intervals: readonly Interval[]): number {
  return intervals.reduce((sum, [start, end]) => sum + end - start, 0);
}
