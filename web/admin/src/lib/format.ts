// Numbers and dates for people, in the browser's locale.

export function formatNumber(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** A measured quantity with its unit, e.g. "12.35 kW"; at most `fractionDigits` decimals. */
export function formatQuantity(value: number, unit: string, fractionDigits = 2, locale?: string): string {
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: fractionDigits }).format(value)} ${unit}`;
}

/** A whole number with its sign, e.g. "+120" or "-20" (zero without one). */
export function formatSignedNumber(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { signDisplay: "exceptZero" }).format(value);
}

export function formatPercent(fraction: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(fraction);
}

/** A date and time with its zone's short name, e.g. "25 Nov 2026, 11:23 EET". */
export function formatDateTime(iso: string, timeZone?: string, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    ...(timeZone ? { timeZone } : {}),
  }).format(date) + zoneSuffix(date, timeZone, locale);
}

/** The time of day of an instant, e.g. "18:30". */
export function formatTime(iso: string, timeZone?: string, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { timeStyle: "short", ...(timeZone ? { timeZone } : {}) }).format(date);
}

/** A day without its year, e.g. "12 Jun". */
export function formatShortDate(iso: string, timeZone?: string, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", ...(timeZone ? { timeZone } : {}) }).format(date);
}

/** A clock time to the second, e.g. "18:30:05". */
export function formatClockTime(instant: number, timeZone?: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: "medium", ...(timeZone ? { timeZone } : {}) }).format(instant);
}

/** Two instants as one span, the day said once when both fall on it: "12 Jun 2026, 18:00 – 19:30 EEST". */
export function formatDateTimeRange(startIso: string, endIso: string, timeZone?: string, locale?: string): string {
  const start = new Date(startIso);
  const end = new Date(endIso);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return `${startIso} – ${endIso}`;
  if (end < start) return `${formatDateTime(startIso, timeZone, locale)} – ${formatDateTime(endIso, timeZone, locale)}`;
  return (
    new Intl.DateTimeFormat(locale, {
      dateStyle: "medium",
      timeStyle: "short",
      ...(timeZone ? { timeZone } : {}),
    }).formatRange(start, end) + zoneSuffix(end, timeZone, locale)
  );
}

function zoneSuffix(date: Date, timeZone: string | undefined, locale: string | undefined): string {
  const zone = new Intl.DateTimeFormat(locale, {
    timeZoneName: "short",
    ...(timeZone ? { timeZone } : {}),
  })
    .formatToParts(date)
    .find((part) => part.type === "timeZoneName")?.value;
  return zone ? ` ${zone}` : "";
}

type DurationUnit = "day" | "hour" | "minute" | "second";

/** A length of time in its two largest units, e.g. "2 hours, 5 minutes"; seconds only under a minute. */
export function formatDuration(totalSeconds: number, locale?: string): string {
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
