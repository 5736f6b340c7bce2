// Numbers, energy, money and times for people, in the reader's language: the only place the app
// turns a number or an instant into text. Greek is written as in Cyprus (`el-CY`: "1.234,56 €",
// "12,5 %"), English too (`en-CY`: "€1,234.56", "12.5%"); times are on the 24-hour clock in the
// programme's time zone, with the language's own month and day names (docs/GLOSSARY.md).
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { isLanguage, type Language } from "../i18n/languages";

/** The locale each language formats in. */
export const LOCALES: Record<Language, string> = { el: "el-CY", en: "en-CY" };

/** Where the programme runs; times are shown here until the household's own zone is known. */
export const PROGRAMME_TIME_ZONE = "Europe/Nicosia";

/** Weeks start on Monday in Cyprus (ISO weekday 1), in both languages. */
export const FIRST_DAY_OF_WEEK = 1;

const NO_BREAK_SPACE = "\u00a0";
const MINUS = "\u2212";

/** How long a countdown has left, in its two largest units, each already written in digits. */
export interface CountdownParts {
  /** "days" shows days and hours, "hours" hours and minutes, "minutes" minutes and seconds. */
  unit: "days" | "hours" | "minutes";
  first: string;
  second: string;
}

/** Every formatter, bound to one language. */
export interface Format {
  language: Language;
  locale: string;
  /** A whole number: "1,234" / "1.234". */
  count(value: number): string;
  /** A whole number with its sign unless zero, the minus a true minus: "+120", "−20". */
  signedCount(value: number): string;
  /** A plain number with at most `maxDigits` decimals. */
  number(value: number, maxDigits?: number): string;
  /** Energy with two decimals: "1,234.50 kWh" / "1.234,50 kWh". */
  kwh(value: number): string;
  /** A percentage given in percent (12.5 for 12.5 %): "12.5%" / "12,5 %". */
  percent(value: number): string;
  /** Money in euros: "€1,234.56" / "1.234,56 €". */
  euros(value: number): string;
  /** "Thu, 3 Dec, 17:00" / "Πέμ 3 Δεκ, 17:00". */
  dateTime(iso: string, timeZone?: string): string;
  /** "3 Dec 2026, 17:00" / "3 Δεκ 2026, 17:00". */
  fullDateTime(iso: string, timeZone?: string): string;
  /** "3 December 2026" / "3 Δεκεμβρίου 2026". */
  date(iso: string, timeZone?: string): string;
  /**
   * A calendar date the server sends as YYYY-MM-DD ("2026-12-03" → "3 December 2026" /
   * "3 Δεκεμβρίου 2026"), the same day whatever the time zone: it names a local day already.
   */
  calendarDate(date: string): string;
  /** "17:00". */
  time(iso: string, timeZone?: string): string;
  /** "Thu 3" / "Πέμ 3": a day in a chart of days. */
  day(iso: string, timeZone?: string): string;
  countdown(milliseconds: number): CountdownParts;
}

function makeFormat(language: Language): Format {
  const locale = LOCALES[language];
  const countFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const signedFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, signDisplay: "exceptZero" });
  const kwhFormat = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const percentFormat = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const euroFormat = new Intl.NumberFormat(locale, { style: "currency", currency: "EUR" });
  const twoDigits = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false });
  const numberFormats = new Map<number, Intl.NumberFormat>();
  const dates = new Map<string, Intl.DateTimeFormat>();

  function dateFormat(kind: string, timeZone: string | undefined, options: Intl.DateTimeFormatOptions) {
    const zone = timeZone ?? PROGRAMME_TIME_ZONE;
    const key = `${kind}|${zone}`;
    let found = dates.get(key);
    if (!found) {
      found = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone, hourCycle: "h23" });
      dates.set(key, found);
    }
    return found;
  }

  const hm = { hour: "2-digit", minute: "2-digit" } as const;
  return {
    language,
    locale,
    count: (value) => countFormat.format(value),
    signedCount: (value) =>
      signedFormat
        .formatToParts(value)
        .map((part) => (part.type === "minusSign" ? MINUS : part.value))
        .join(""),
    number(value, maxDigits = 2) {
      let found = numberFormats.get(maxDigits);
      if (!found) {
        found = new Intl.NumberFormat(locale, { maximumFractionDigits: maxDigits });
        numberFormats.set(maxDigits, found);
      }
      return found.format(value);
    },
    kwh: (value) => `${kwhFormat.format(value)}${NO_BREAK_SPACE}kWh`,
    // Greek sets the per cent sign apart by a space (the glossary's «12,5 %»); Intl does not.
    percent: (value) =>
      percentFormat
        .formatToParts(value / 100)
        .map((part) => (part.type === "percentSign" && language === "el" ? `${NO_BREAK_SPACE}${part.value}` : part.value))
        .join(""),
    euros: (value) => euroFormat.format(value),
    dateTime: (iso, zone) =>
      dateFormat("dateTime", zone, { weekday: "short", day: "numeric", month: "short", ...hm }).format(new Date(iso)),
    fullDateTime: (iso, zone) =>
      dateFormat("fullDateTime", zone, { day: "numeric", month: "short", year: "numeric", ...hm }).format(new Date(iso)),
    date: (iso, zone) => dateFormat("date", zone, { day: "numeric", month: "long", year: "numeric" }).format(new Date(iso)),
    calendarDate: (date) => dateFormat("date", "UTC", { day: "numeric", month: "long", year: "numeric" }).format(new Date(`${date}T12:00:00Z`)),
    time: (iso, zone) => dateFormat("time", zone, hm).format(new Date(iso)),
    day: (iso, zone) => dateFormat("day", zone, { weekday: "short", day: "numeric" }).format(new Date(iso)),
    countdown(milliseconds) {
      const total = Math.max(0, Math.floor(milliseconds / 1000));
      const days = Math.floor(total / 86_400);
      const hours = Math.floor((total % 86_400) / 3600);
      const minutes = Math.floor((total % 3600) / 60);
      const seconds = total % 60;
      if (days > 0) return { unit: "days", first: countFormat.format(days), second: countFormat.format(hours) };
      if (hours > 0) return { unit: "hours", first: countFormat.format(hours), second: twoDigits.format(minutes) };
      return { unit: "minutes", first: countFormat.format(minutes), second: twoDigits.format(seconds) };
    },
  };
}

const formats: Partial<Record<Language, Format>> = {};

/** The formatters of a language, made once (Intl formatters are costly to build). */
export function formatFor(language: Language): Format {
  return (formats[language] ??= makeFormat(language));
}

/** The formatters of the language the app speaks now; screens re-render when it changes. */
export function useFormat(): Format {
  const { i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : "en";
  return useMemo(() => formatFor(language), [language]);
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: timeZone ?? PROGRAMME_TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(instant);
}

/** A calendar date moved by whole days (no time zone involved). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split("-").map(Number);
  const moved = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, (day ?? 1) + days));
  return moved.toISOString().slice(0, 10);
}

/** The Monday (FIRST_DAY_OF_WEEK) of the week a calendar date falls in. */
export function weekStart(date: string): string {
  const [year, month, day] = date.split("-").map(Number);
  const weekday = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)).getUTCDay() || 7;
  return addDays(date, FIRST_DAY_OF_WEEK - weekday);
}
