/**
 * Days DeepSeek bills off-peak all day: mainland China's public holidays.
 * Days are calendar dates in China time ("YYYY-MM-DD"); see chinaDate().
 */
export type OffPeakDays = ReadonlySet<string>;

/**
 * The State Council's holiday schedule, first and last day of each break.
 * Make-up working days (weekend days worked in exchange for a longer break) are left out:
 * DeepSeek's peak rule names Monday to Friday only, and whether it bills them at peak prices
 * is unconfirmed.
 */
const HOLIDAY_BREAKS: ReadonlyArray<readonly [first: string, last: string]> = [
  // 2026
  ["2026-01-01", "2026-01-03"], // New Year's Day
  ["2026-02-15", "2026-02-23"], // Spring Festival
  ["2026-04-04", "2026-04-06"], // Qingming
  ["2026-05-01", "2026-05-05"], // Labour Day
  ["2026-06-19", "2026-06-21"], // Dragon Boat Festival
  ["2026-09-25", "2026-09-27"], // Mid-Autumn Festival
  ["2026-10-01", "2026-10-07"], // National Day
  // 2027: add the State Council's schedule here once it is published (usually late in 2026).
  // Until then OFF_PEAK_DAYS can supply the dates.
];

const DAY_MS = 24 * 60 * 60 * 1000;

function daysFrom(first: string, last: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += DAY_MS) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

export const CHINA_PUBLIC_HOLIDAYS: OffPeakDays = new Set(HOLIDAY_BREAKS.flatMap(([first, last]) => daysFrom(first, last)));

/** Beijing time is UTC+8 all year (China has no daylight saving time). */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * The calendar day an instant falls on in China, where the holidays are kept. The peak windows
 * (01:00-10:00 UTC = 09:00-18:00 Beijing) never cross midnight in either zone, so during peak
 * hours this is also the UTC date; it only differs at hours that are off-peak anyway.
 */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Parses comma-separated "YYYY-MM-DD" dates (a setting that replaces the built-in holiday list). */
export function parseOffPeakDays(text: string, settingName: string): OffPeakDays {
  const days = text
    .split(",")
    .map((piece) => piece.trim())
    .filter((piece) => piece !== "");
  for (const day of days) {
    // The round trip rejects impossible dates such as 2026-02-30, which Date.parse rolls over.
    const time = Date.parse(`${day}T00:00:00Z`);
    const valid = /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(time) && new Date(time).toISOString().startsWith(day);
    if (!valid) {
      throw new Error(`${settingName} must list dates as "YYYY-MM-DD,YYYY-MM-DD,…", got "${day}"`);
    }
  }
  return new Set(days);
}
