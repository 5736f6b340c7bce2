// Wall-clock times in a named time zone (the programme's), as `<input type="datetime-local">`
// holds them ("2026-06-12T18:00"), to and from UTC instants.

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

function wallClockParts(date: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "00";
  return {
    year: part("year"),
    month: part("month"),
    day: part("day"),
    hour: part("hour"),
    minute: part("minute"),
  };
}

/** How far the zone's wall clock is ahead of UTC at `instant`, in milliseconds. */
function zoneOffset(instant: number, timeZone: string): number {
  const p = wallClockParts(new Date(instant), timeZone);
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute);
  return asUtc - Math.floor(instant / 60_000) * 60_000;
}

/** The UTC instant (ISO 8601) of a wall-clock time in `timeZone`, or null when `local` is not one. */
export function zonedToUtc(local: string, timeZone: string): string | null {
  const match = LOCAL_PATTERN.exec(local);
  if (!match) return null;
  const [, year = "", month = "", day = "", hour = "", minute = ""] = match;
  const wall = Date.UTC(+year, +month - 1, +day, +hour, +minute);
  if (Number.isNaN(wall)) return null;
  // The offset at the guess can differ from the offset at the answer near a clock change.
  const first = wall - zoneOffset(wall, timeZone);
  const instant = wall - zoneOffset(first, timeZone);
  return new Date(instant).toISOString().replace(/\.000Z$/, "Z");
}

/** The wall-clock time in `timeZone` of a UTC instant, as a datetime-local input holds it. */
export function utcToZoned(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const p = wallClockParts(date, timeZone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}
