/**
 * Journal posting dates as journals print them: "Jan 21, 2006 19:20" (the seed), "Jan. 21st, 2006|07:20
 * pm", "2006-01-21 19:20:00", "Saturday, January 21st, 2006 at 7:20 PM", "21 January 2006". The result
 * is local wall-clock time, 'YYYY-MM-DDTHH:MM:00', deliberately without `Z` or an offset: journals
 * print the time in the poster's or the reader's zone and almost never say which, so inventing one
 * would be a lie. A written zone ("UTC", "+0100") is returned raw beside it, not applied.
 */

const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
]; // prettier-ignore
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
/** Words a date line may also contain. */
const FILLER = new Set(['st', 'nd', 'rd', 'th', 'at', 'on', 'posted', 'date', 'entry', 'of', 'the']);
const ZONES = /^(utc|gmt|z|[ecmp][sd]t|bst|cet|cest|aest|jst|ist)$/i;

function month(word: string): number | null {
  const w = word.toLowerCase();
  if (w.length < 3) return null;
  const i = MONTHS.findIndex((m) => m.startsWith(w) || (w === 'sept' && m === 'september'));
  return i < 0 ? null : i + 1;
}

function isWeekday(word: string): boolean {
  const w = word.toLowerCase();
  return w.length >= 3 && WEEKDAYS.some((d) => d.startsWith(w));
}

function daysIn(year: number, m: number): number {
  return new Date(Date.UTC(year, m, 0)).getUTCDate();
}

const pad = (n: number): string => String(n).padStart(2, '0');

export interface PostedAt {
  iso: string;
  precision: 'minute' | 'day';
  zone: string | null;
}

/** Reads a line that is a date (and time), and nothing else but filler words. Null otherwise. */
export function readDateLine(line: string): PostedAt | null {
  if (line.length > 80 || !/\d/.test(line)) return null;
  const tokens = line.match(/[A-Za-z]+|\d+|[+-]\d{4}\b/g) ?? [];
  let year: number | null = null;
  let mon: number | null = null;
  let day: number | null = null;
  let hour: number | null = null;
  let minute: number | null = null;
  let zone: string | null = null;
  let pm: boolean | null = null;
  const numbers: number[] = [];
  // The time first: "19:20", "7:20 pm", "19:20:00".
  const time = /(?:^|[^\d:])(\d{1,2}):(\d{2})(?::\d{2})?(?:\s*([ap])\.?m\b\.?)?/i.exec(line);
  if (time) {
    hour = Number(time[1]);
    minute = Number(time[2]);
    if (time[3]) pm = time[3].toLowerCase() === 'p';
  }
  const iso = /(\d{4})-(\d{2})-(\d{2})/.exec(line);
  if (iso) [year, mon, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  const timeAt = time ? time.index : -1;
  let offset = 0;
  for (const token of tokens) {
    const at = line.indexOf(token, offset);
    offset = at + token.length;
    if (time && at >= timeAt && at < timeAt + time[0].length) continue;
    if (iso && at >= iso.index && at < iso.index + iso[0].length) continue;
    if (/^[+-]\d{4}$/.test(token) || ZONES.test(token)) {
      zone = token;
      continue;
    }
    if (/^\d+$/.test(token)) {
      numbers.push(Number(token));
      continue;
    }
    const m = month(token);
    if (m !== null && mon === null) mon = m;
    else if (!isWeekday(token) && !FILLER.has(token.toLowerCase()) && !/^[ap]m$/i.test(token)) return null;
  }
  for (const n of numbers) {
    if (n >= 1900 && n <= 2100 && year === null) year = n;
    else if (n >= 1 && n <= 31 && day === null) day = n;
    else return null;
  }
  if (year === null || mon === null || day === null || mon > 12 || day > daysIn(year, mon)) return null;
  const date = `${year}-${pad(mon)}-${pad(day)}`;
  if (hour === null || minute === null || minute > 59)
    return { iso: `${date}T00:00:00`, precision: 'day', zone };
  if (pm !== null) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  if (hour > 23) return null;
  return { iso: `${date}T${pad(hour)}:${pad(minute)}:00`, precision: 'minute', zone };
}
