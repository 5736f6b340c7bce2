// Numbers and dates for people, in the browser's locale.

export function formatNumber(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale).format(value);
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

function zoneSuffix(date: Date, timeZone: string | undefined, locale: string | undefined): string {
  const zone = new Intl.DateTimeFormat(locale, {
    timeZoneName: "short",
    ...(timeZone ? { timeZone } : {}),
  })
    .formatToParts(date)
    .find((part) => part.type === "timeZoneName")?.value;
  return zone ? ` ${zone}` : "";
}
