// The main screens rendered in each language with the test fakes: every text on them is a
// translation (no raw key such as "sessions:list.title" or "list.title", no key i18next could not
// find), and the Greek screens are in Greek.
import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LiveProgress, SessionResults } from "../api/types";
import { fakeEventStream } from "../test/eventStream";
import { fakeApi } from "../test/fakeApi";
import {
  admin,
  claim,
  consumptionSeries,
  dataSource,
  deadLetter,
  failedJob,
  joinedSession,
  joinedSessionPage,
  meterLink,
  methodAccuracy,
  overview,
  pageOf,
  pointsEntry,
  pointsPage,
  programme,
  registerStatus,
  session,
  superadmin,
  systemHealth,
  user,
  userDetail,
} from "../test/fixtures";
import { householdProgress, programmeProgress } from "../test/progressFixtures";
import { renderApp } from "../test/renderApp";
import { i18n } from "./i18n";
import type { Language } from "./languages";

const final = session({
  state: "final",
  participants: 40,
  title_el: "Βραδινή αιχμή",
  audience: { kind: "districts", districts: ["Nicosia", "Limassol"] },
});
const eleni = user();

const results: SessionResults = {
  participants: 40,
  eligible: 38,
  reporting: 36,
  saved_kwh: -1.5,
  average_kw_reduced: 13.76,
  points_issued: 4528,
  percent_saved_distribution: [
    { from_percent: null, to_percent: 0, households: 4 },
    { from_percent: 0, to_percent: 10, households: 12 },
    { from_percent: 10, households: 5 },
  ],
  top_savers: [{ user_id: eleni.id, display_name: "Eleni", saved_kwh: 3.25, percent_saved: 41.27 }],
};

const progress: LiveProgress = {
  state: "final",
  participants: 40,
  saved_kwh: 12.5,
  periods: [
    { start: final.starts_at, baseline_kw: 20, baseline_kwh: 10, actual_kw: 14, actual_kwh: 7, reporting: 36 },
    { start: "2026-06-12T15:30:00Z", baseline_kw: 22, baseline_kwh: 11, actual_kw: 15, actual_kwh: 7.5, reporting: 35 },
  ],
};

function server() {
  return fakeApi({
    "GET /programme": () => ({ body: programme }),
    "GET /admin/overview": () => ({ body: { ...overview, live_or_next_session: final } }),
    "GET /admin/overview/sessions": () => ({
      body: pageOf([{ id: final.id, title: final.title, starts_at: final.starts_at, state: "final", participants: 40, saved_kwh: 41.3, points_issued: 4528 }]),
    }),
    "GET /admin/overview/consumption": () => ({ body: consumptionSeries() }),
    "GET /admin/sessions": () => ({ body: pageOf([final, session({ id: "s-2", state: "settling" })]) }),
    [`GET /admin/sessions/${final.id}`]: () => ({ body: final }),
    [`GET /admin/sessions/${final.id}/live`]: () => {
      const stream = fakeEventStream();
      stream.progress(progress);
      return stream.response;
    },
    [`GET /admin/sessions/${final.id}/results`]: () => ({ body: results }),
    "GET /admin/users": () => ({ body: pageOf([eleni, admin]) }),
    [`GET /admin/users/${eleni.id}`]: () => ({ body: userDetail() }),
    [`GET /admin/users/${eleni.id}/consumption`]: () => ({ body: consumptionSeries() }),
    [`GET /admin/users/${eleni.id}/sessions`]: () => ({ body: joinedSessionPage([joinedSession()]) }),
    [`GET /admin/users/${eleni.id}/points`]: () => ({ body: pointsPage([pointsEntry({ points: -20 })], -20) }),
    [`GET /admin/users/${eleni.id}/meter-links`]: () => ({ body: [meterLink(), meterLink({ meter_id: "CY-0002", linked_at: "2026-03-01T09:00:00Z", ended_at: "2026-03-28T09:00:00Z", end_reason: "moved", how: "claim" })] }),
    [`GET /admin/users/${eleni.id}/progress`]: () => ({ body: householdProgress() }),
    "GET /admin/programme/progress": () => ({ body: programmeProgress() }),
    "GET /admin/meter-claims": () => ({ body: pageOf([claim(), claim({ id: "c-2", review_reason: "near_miss" })]) }),
    "GET /admin/customer-register": () => ({ body: registerStatus() }),
    "GET /admin/meter-data/sources": () => ({ body: pageOf([dataSource()]) }),
    "GET /admin/meter-data/dead-letters": () => ({ body: pageOf([deadLetter()]) }),
    "GET /admin/system": () => ({ body: systemHealth() }),
    "GET /admin/system/failed-jobs": () => ({ body: pageOf([failedJob()]) }),
    "GET /admin/baselines/accuracy": () => ({ body: [methodAccuracy()] }),
  });
}

/** Each screen, and a text it shows only once its data is there, in each language. */
const screens: { path: string; ready: Record<Language, RegExp> }[] = [
  { path: "/", ready: { en: /Households registered/, el: /Εγγεγραμμένα νοικοκυριά/ } },
  { path: "/sessions", ready: { en: /Evening peak/, el: /Evening peak/ } },
  { path: `/sessions/${final.id}`, ready: { en: /Top savers/, el: /Κορυφαίοι στην εξοικονόμηση/ } },
  { path: "/sessions/new", ready: { en: /Title \(Greek\)/, el: /Τίτλος \(ελληνικά\)/ } },
  { path: `/sessions/${final.id}/edit`, ready: { en: /can no longer be edited/, el: /δεν μπορεί πλέον να αλλάξει/ } },
  { path: "/users", ready: { en: /Last sign-in/, el: /Τελευταία σύνδεση/ } },
  { path: `/users/${eleni.id}`, ready: { en: /Session savings/, el: /Εξοικονόμηση σε περίοδο/ } },
  { path: "/progress", ready: { en: /Households by level/, el: /Νοικοκυριά ανά επίπεδο/ } },
  { path: "/claims", ready: { en: /Another household holds this meter/, el: /Άλλο νοικοκυριό έχει αυτόν τον μετρητή/ } },
  { path: "/meter-data", ready: { en: /Rejects today/, el: /Απορρίψεις σήμερα/ } },
  { path: "/system", ready: { en: /Pseudo-events/, el: /Δοκιμαστικά γεγονότα/ } },
  { path: "/nowhere", ready: { en: /Page not found/, el: /Η σελίδα δεν βρέθηκε/ } },
];

/** What a person reads or hears: the text, and the names and hints that are not text. */
function everythingShown(): string {
  const attributes = [...document.querySelectorAll("[aria-label], [placeholder], [title]")].flatMap((element) =>
    ["aria-label", "placeholder", "title"].map((name) => element.getAttribute(name) ?? ""),
  );
  return [document.title, document.body.textContent ?? "", ...attributes].join("\n");
}

/** Raw keys on screen: anything shaped like "namespace:key" or "a.dotted.key" (e-mail addresses aside). */
function rawKeys(text: string): string[] {
  const shaped = /\b[a-z][a-zA-Z]*:[a-z][\w-]*(?:\.[\w-]+)*|\b[a-z][a-zA-Z]*(?:\.[a-z][\w-]*)+/g;
  return text.replace(/\S+@\S+/g, " ").match(shaped) ?? [];
}

const missing: string[] = [];
beforeEach(() => {
  missing.length = 0;
  i18n.options.saveMissing = true;
  i18n.options.saveMissingTo = "current";
  // A key asked for with no default is missing from the files (an intended fallback has a default).
  i18n.options.missingKeyHandler = (_languages, namespace, key, fallback) => {
    if (fallback === key) missing.push(`${namespace}:${key}`);
  };
});
afterEach(() => {
  i18n.options.saveMissing = false;
  i18n.options.missingKeyHandler = false;
});

describe.each(["en", "el"] as const)("the dashboard in %s", (language) => {
  it.each(screens)("shows $path with every text translated", async ({ path, ready }) => {
    server();
    // After sign-in the account's language is the dashboard's.
    const staff = path === "/meter-data" || path === "/system" ? superadmin : admin;
    renderApp(path, { as: { ...staff, language }, language });
    await screen.findAllByText(ready[language], {}, { timeout: 5000 });
    // Every section has its data: no "Loading…" status is left.
    await waitFor(() => expect(screen.queryAllByRole("status").filter((s) => s.textContent?.endsWith("…"))).toEqual([]));
    expect(document.documentElement.lang).toBe(language);
    expect(rawKeys(everythingShown())).toEqual([]);
    expect(missing).toEqual([]);
  });
});

describe("the dashboard in Greek", () => {
  it("follows the account's language over the one the browser had", async () => {
    server();
    renderApp("/users", { as: { ...admin, language: "el" }, language: "en" });
    expect(await screen.findByRole("heading", { level: 1, name: "Χρήστες" })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe("el");
  });

  it("names the main screens, the navigation and the language switch in Greek", async () => {
    server();
    renderApp("/", { as: { ...admin, language: "el" }, language: "el" });
    expect(await screen.findByRole("heading", { level: 1, name: "Επισκόπηση" })).toBeInTheDocument();
    const nav = screen.getByRole("navigation", { name: "Κύρια πλοήγηση" });
    expect(within(nav).getAllByRole("link").map((link) => link.textContent)).toEqual([
      "Επισκόπηση",
      "Περίοδοι",
      "Χρήστες",
      "Πρόοδος",
      "Αιτήματα μετρητών",
      "Δεδομένα μετρητών",
      "Σύστημα",
    ]);
    expect(screen.getByRole("combobox", { name: "Γλώσσα" })).toHaveValue("el");
    expect(document.title).toBe("Επισκόπηση · PowerSave – Πίνακας διαχείρισης");
  });

  it("shows districts, states and numbers as a Greek reader expects", async () => {
    server();
    renderApp(`/sessions/${final.id}`, { as: { ...admin, language: "el" }, language: "el" });
    const plan = await screen.findByRole("region", { name: "Σχέδιο" });
    expect(plan).toHaveTextContent("Νοικοκυριά σε: Λευκωσία και Λεμεσός");
    expect(plan).toHaveTextContent("Βραδινή αιχμή");
    expect(screen.getByText("Οριστική")).toBeInTheDocument();
    const results = screen.getByRole("region", { name: "Αποτελέσματα" });
    expect(await within(results).findByRole("group", { name: "Εξοικονόμηση ενέργειας" })).toHaveTextContent("-1,5 kWh");
    expect(within(results).getByRole("group", { name: "Πράσινοι Πόντοι που δόθηκαν" })).toHaveTextContent("4.528");
  });
});
