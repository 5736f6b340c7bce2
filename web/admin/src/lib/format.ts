// Numbers, money and dates for people, in the reader's locale (`el-CY` or `en-CY`) and the
// programme's time zone. Every figure and date on a screen goes through here, so the two
// languages never disagree on a convention: a 24-hour clock, `1.234,56 €` against `€1,234.56`,
// `12,5 %` against `12.5%`.

/** Options shared by every date and time: the 24-hour clock, in `timeZone` when given. */
function clock(timeZone: string | undefined): Intl.DateTimeFormatOptions {
  return { hourCycle: "h23", ...(timeZone ? { timeZone } : {}) };
}

function isGreek(locale: string): boolean {
  return locale.toLowerCase().startsWith("el");
}

function parse(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A plain number, e.g. "1,234.5" or "1.234,5"; `maximumFractionDigits` as Intl's default (3) unless told. */
export function formatNumber(value: number, locale: string, maximumFractionDigits?: number): string {
  return new Intl.NumberFormat(locale, maximumFractionDigits === undefined ? {} : { maximumFractionDigits }).format(value);
}

/** A measured quantity with its unit, e.g. "12.35 kW" or "12,35 kW"; at most `fractionDigits` decimals. */
export function formatQuantity(value: number, unit: string, fractionDigits: number, locale: string): string {
  return `${formatNumber(value, locale, fractionDigits)} ${unit}`;
}

/** A whole number with its sign, e.g. "+120" or "-20" (zero without one). */
export function formatSignedNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { signDisplay: "exceptZero" }).format(value);
}

/** A fraction as a percentage, to one decimal; Greek puts a space before the sign ("12,5 %"). */
export function formatPercent(fraction: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 })
    .formatToParts(fraction)
    .map((part) => (part.type === "percentSign" && isGreek(locale) ? `\u00a0${part.value}` : part.value))
    .join("");
}

/** An amount of money in euros, e.g. "€1,234.56" or "1.234,56 €". */
export function formatEuros(amount: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency: "EUR" }).format(amount);
}

/** A date and time with its zone's short name, e.g. "25 Nov 2026, 11:23 EET". */
export function formatDateTime(iso: string, timeZone: string | undefined, locale: string): string {
  const date = parse(iso);
  if (!date) return iso;
  return (
    new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", ...clock(timeZone) }).format(date) +
    zoneSuffix(date, timeZone, locale)
  );
}

/** A calendar day with the locale's month name, e.g. "3 Dec 2026" or "3 Δεκ 2026". */
export function formatDate(iso: string, timeZone: string | undefined, locale: string): string {
  const date = parse(iso);
  if (!date) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", ...clock(timeZone) }).format(date);
}

/** The time of day of an instant, e.g. "18:30". */
export function formatTime(iso: string, timeZone: string | undefined, locale: string): string {
  const date = parse(iso);
  if (!date) return iso;
  return new Intl.DateTimeFormat(locale, { timeStyle: "short", ...clock(timeZone) }).format(date);
}

/** A day without its year, e.g. "12 Jun" or "12 Ιουν". */
export function formatShortDate(iso: string, timeZone: string | undefined, locale: string): string {
  const date = parse(iso);
  if (!date) return iso;
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", ...clock(timeZone) }).format(date);
}

/** A clock time to the second, e.g. "18:30:05". */
export function formatClockTime(instant: number, timeZone: string | undefined, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: "medium", ...clock(timeZone) }).format(instant);
}

/** Two instants as one span, the day said once when both fall on it: "12 Jun 2026, 18:00–19:30 EEST". */
export function formatDateTimeRange(
  startIso: string,
  endIso: string,
  timeZone: string | undefined,
  locale: string,
): string {
  const start = parse(startIso);
  const end = parse(endIso);
  if (!start || !end) return `${startIso} – ${endIso}`;
  if (end < start) {
    return `${formatDateTime(startIso, timeZone, locale)} – ${formatDateTime(endIso, timeZone, locale)}`;
  }
  return (
    new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", ...clock(timeZone) }).formatRange(
      start,
      end,
    ) + zoneSuffix(end, timeZone, locale)
  );
}

function zoneSuffix(date: Date, timeZone: string | undefined, locale: string): string {
  const zone = new Intl.DateTimeFormat(locale, { timeZoneName: "short", ...(timeZone ? { timeZone } : {}) })
    .formatToParts(date)
    .find((part) => part.type === "timeZoneName")?.value;
  return zone ? ` ${zone}` : "";
}

type DurationUnit = "day" | "hour" | "minute" | "second";

/** A length of time in its two largest units, e.g. "2 hours, 5 minutes"; seconds only under a minute. */
export function formatDuration(totalSeconds: number, locale: string): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  const parts: [DurationUnit, number][] =
    days > 0
      ? [["day", days], ["hour", hours]]
      : hours > 0
        ? [["hour", hours], ["minute", minutes]]
        : minutes > 0
          ? [["minute", minutes]]
          : [["second", seconds]];
  const words = parts
    .filter(([, count], index) => index === 0 || count > 0)
    .map(([unit, count]) => new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "long" }).format(count));
  return new Intl.ListFormat(locale, { style: "long", type: "unit" }).format(words);
}

/** Names as one phrase, "Nicosia, Limassol and Paphos" (or "… or …" for a `disjunction`). */
export function formatList(items: readonly string[], locale: string, type: "conjunction" | "disjunction"): string {
  return new Intl.ListFormat(locale, { style: "long", type }).format(items);
}

/** Every formatter above bound to one locale and time zone, as screens use them. */
export interface Formatter {
  locale: string;
  number(value: number, maximumFractionDigits?: number): string;
  quantity(value: number, unit: string, fractionDigits?: number): string;
  kwh(value: number, fractionDigits?: number): string;
  signedNumber(value: number): string;
  percent(fraction: number): string;
  euros(amount: number): string;
  dateTime(iso: string): string;
  date(iso: string): string;
  time(iso: string): string;
  shortDate(iso: string): string;
  clockTime(instant: number): string;
  dateTimeRange(startIso: string, endIso: string): string;
  duration(totalSeconds: number): string;
  /** "A, B and C". */
  list(items: readonly string[]): string;
  /** "A, B or C". */
  listOr(items: readonly string[]): string;
}

/** The formatters for `locale`, with dates and times in `timeZone` (the browser's when not given). */
export function createFormatter(locale: string, timeZone?: string): Formatter {
  return {
    locale,
    number: (value, digits) => formatNumber(value, locale, digits),
    quantity: (value, unit, digits = 2) => formatQuantity(value, unit, digits, locale),
    kwh: (value, digits = 2) => formatQuantity(value, "kWh", digits, locale),
    signedNumber: (value) => formatSignedNumber(value, locale),
    percent: (fraction) => formatPercent(fraction, locale),
    euros: (amount) => formatEuros(amount, locale),
    dateTime: (iso) => formatDateTime(iso, timeZone, locale),
    date: (iso) => formatDate(iso, timeZone, locale),
    time: (iso) => formatTime(iso, timeZone, locale),
    shortDate: (iso) => formatShortDate(iso, timeZone, locale),
    clockTime: (instant) => formatClockTime(instant, timeZone, locale),
    dateTimeRange: (startIso, endIso) => formatDateTimeRange(startIso, endIso, timeZone, locale),
    duration: (totalSeconds) => formatDuration(totalSeconds, locale),
    list: (items) => formatList(items, locale, "conjunction"),
    listOr: (items) => formatList(items, locale, "disjunction"),
  };
}
