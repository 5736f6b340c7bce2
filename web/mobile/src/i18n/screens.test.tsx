import { fireEvent, screen } from "@testing-library/react-native";
import type { PointsEntry, SessionDetail } from "../api/types";
import { memoryVault, servicesFor, tokens } from "../test/fakeServer";
import { household, hourlyDays, page, summary, upcomingSession, user } from "../test/fixtures";
import { renderApp } from "../test/renderApp";
import { progress } from "../features/garden/fixtures";
import { atStep, buildingHistory, connectMeter, consentTerms } from "../features/onboarding/fixtures";
import { formatFor } from "../lib/format";
import { createI18n } from "./createI18n";
import type { Language } from "./languages";
import { resources } from "./resources";

// Every main screen, rendered in both languages: no text on it (nor any accessible name) may
// look like a translation key that was never translated ("sessions:list.title") or like an ICU
// message left unformatted ("{count, plural, …}").

const KEY = /^[a-z][A-Za-z0-9]*(:[A-Za-z0-9_.-]+|(\.[A-Za-z0-9_-]+)+)$/;
const ICU_LEFTOVER = /\{[A-Za-z]+(,|\})/;

/** Every string a person can see or hear on the screen now: text and accessible names. */
function everythingShown(): string[] {
  const found: string[] = [];
  type Node = NonNullable<ReturnType<typeof screen.toJSON>>;
  const visit = (node: Node | string) => {
    if (typeof node === "string") {
      found.push(node);
      return;
    }
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    for (const prop of ["aria-label", "accessibilityLabel", "placeholder", "title"] as const) {
      const value: unknown = node.props[prop];
      if (typeof value === "string") found.push(value);
    }
    node.children?.forEach(visit);
  };
  const tree = screen.toJSON();
  if (tree) visit(tree);
  return found;
}

function expectNoRawKeys(where: string) {
  const suspicious = everythingShown().filter((text) => KEY.test(text.trim()) || ICU_LEFTOVER.test(text));
  expect({ where, suspicious }).toEqual({ where, suspicious: [] });
}

const past: SessionDetail = {
  ...upcomingSession({
    id: "past-1",
    title: "Heatwave peak",
    state: "final",
    starts_at: "2026-07-01T15:00:00Z",
    ends_at: "2026-07-01T16:00:00Z",
    join_deadline: "2026-07-01T15:00:00Z",
    joined: true,
    points_earned: 90,
  }),
  result: {
    status: "final",
    saved_kwh: 0.8,
    percent_saved: 40,
    computed_at: "2026-07-02T08:00:00Z",
    periods: [
      { start: "2026-07-01T15:00:00Z", baseline_kwh: 1, actual_kwh: 0.6 },
      { start: "2026-07-01T15:30:00Z", baseline_kwh: 1, actual_kwh: null },
    ],
  },
};

const live = upcomingSession({ id: "live-1", title: "Grid stress", state: "live", joined: true, starts_at: new Date(Date.now() - 600_000).toISOString() });

const entries: PointsEntry[] = [
  { points: -20, reason: "session_savings", reference: "past-1#1", note: null, created_at: "2026-07-02T08:00:00Z" },
  { points: 80, reason: "session_savings", reference: "past-1", note: null, created_at: "2026-07-01T17:00:00Z" },
  { points: 10, reason: "opt_in_bonus", reference: "past-1", note: null, created_at: "2026-07-01T17:00:00Z" },
];

function signedIn(language: Language) {
  return servicesFor(
    {
      "POST /auth/refresh": () => ({ status: 200, body: tokens(1) }),
      "GET /me": () => ({ status: 200, body: { ...user, language } }),
      "GET /me/consumption/summary": () => ({ status: 200, body: summary }),
      "GET /me/consumption": ({ query }) => ({ status: 200, body: hourlyDays(query.get("from") ?? "", query.get("to") ?? "") }),
      "GET /me/household": () => ({ status: 200, body: household }),
      "GET /me/onboarding": () => ({ status: 200, body: buildingHistory }),
      "GET /me/consents": () => ({ status: 200, body: [{ id: "c-1", meter_id: "CY-0001", text_version: "2026-12", granted_at: "2026-07-01T08:00:00Z" }] }),
      "GET /programme": () => ({ status: 200, body: { time_zone: "Europe/Nicosia", districts: ["Nicosia", "Limassol"], default_tariff_code: "01" } }),
      "GET /sessions": ({ query }) => {
        const when = query.get("when");
        return { status: 200, body: page(when === "past" ? [past] : when === "live" ? [live] : [upcomingSession()]) };
      },
      "GET /sessions/{id}": () => ({ status: 200, body: past }),
      "GET /me/points": () => ({ status: 200, body: { balance: 70, items: entries, page: 1, per_page: 20, total: entries.length } }),
      "GET /me/progress": () => ({ status: 200, body: progress() }),
    },
    memoryVault("refresh-0"),
  );
}

describe.each(["en", "el"] as const)("in %s", (language) => {
  const words = resources[language];
  const i18n = createI18n(language);

  test("the signed-out screens show no raw key", async () => {
    const { services } = servicesFor({});
    renderApp(services, { language });
    expect(await screen.findByRole("heading", { name: "PowerSave" })).toBeOnTheScreen();
    expectNoRawKeys("welcome");
    fireEvent.press(screen.getByRole("button", { name: words.auth.welcome.register }));
    expect(await screen.findByLabelText(words.auth.field.displayName)).toBeOnTheScreen();
    expectNoRawKeys("register");
  });

  test("the sign-in screen shows no raw key", async () => {
    const { services } = servicesFor({});
    renderApp(services, { language });
    fireEvent.press(await screen.findByRole("button", { name: words.auth.welcome.signIn }));
    expect(await screen.findByLabelText(words.auth.field.email)).toBeOnTheScreen();
    expect(screen.getByRole("radio", { name: "Ελληνικά", checked: language === "el" })).toBeOnTheScreen();
    expectNoRawKeys("sign in");
  });

  test("Home without a meter and the Connect screen show no raw key", async () => {
    const { services } = atStep(() => connectMeter, { "GET /me": () => ({ status: 200, body: { ...user, language } }) });
    renderApp(services, { language });
    fireEvent.press(await screen.findByRole("button", { name: words.onboarding.card.connectButton }));
    expect(await screen.findByText(consentTerms.text)).toBeOnTheScreen();
    expectNoRawKeys("connect meter");
  });

  test("every signed-in screen shows its own headings and no raw key", async () => {
    const { services } = signedIn(language);
    renderApp(services, { language });
    expect(await screen.findByText(words.home.today.title)).toBeOnTheScreen();
    expect(await screen.findByText(words.home.next.title)).toBeOnTheScreen();
    expect(await screen.findByText(words.points.card.title)).toBeOnTheScreen();
    expect(await screen.findByText(words.onboarding.card.buildingTitle)).toBeOnTheScreen();
    expect(await screen.findByText(i18n.t("garden:level.name", { number: 3, name: "Sapling" }))).toBeOnTheScreen();
    expectNoRawKeys("home");

    fireEvent.press(screen.getByRole("button", { name: words.garden.home.open }));
    expect(await screen.findByText(words.garden.species.intro)).toBeOnTheScreen();
    expectNoRawKeys("garden");
    fireEvent.press(screen.getByRole("button", { name: words.garden.screen.badges }));
    expect(await screen.findByRole("heading", { name: words.badges.screen.toEarn })).toBeOnTheScreen();
    expectNoRawKeys("badges");

    fireEvent.press(screen.getByText(words.common.nav.sessions));
    expect(await screen.findByRole("tab", { name: words.sessions.list.upcoming, selected: true })).toBeOnTheScreen();
    expect(await screen.findByText(upcomingSession().title)).toBeOnTheScreen();
    expectNoRawKeys("upcoming sessions");
    fireEvent.press(screen.getByRole("tab", { name: words.sessions.list.live }));
    expect(await screen.findByText("Grid stress")).toBeOnTheScreen();
    expectNoRawKeys("live sessions");
    fireEvent.press(screen.getByRole("tab", { name: words.sessions.list.past }));
    expect(await screen.findByText("Heatwave peak")).toBeOnTheScreen();
    expectNoRawKeys("past sessions");

    fireEvent.press(screen.getByRole("button", { name: i18n.t("sessions:list.result", { title: "Heatwave peak" }) }));
    expect(await screen.findByText(words.sessions.result.final)).toBeOnTheScreen();
    expect(screen.getByLabelText(words.sessions.table.name)).toBeOnTheScreen();
    expectNoRawKeys("session result");

    fireEvent.press(screen.getByText(words.common.nav.energy));
    expect(await screen.findByRole("tab", { name: words.consumption.span.day, selected: true })).toBeOnTheScreen();
    // Today's readings reach 10:30 (test/fixtures.ts): 2.10 kWh, and the 14 hours from 10:00 lack readings.
    const whole = i18n.t("consumption:summary", { count: 24, length: i18n.t("consumption:barLength.1h"), kwh: formatFor(language).kwh(2.1) });
    expect(await screen.findByLabelText(`${whole} ${i18n.t("consumption:summaryPartial", { count: 14 })}`)).toBeOnTheScreen();
    expectNoRawKeys("energy");

    fireEvent.press(screen.getAllByText(words.common.nav.profile).at(-1)!);
    expect(await screen.findByText("eleni@example.com")).toBeOnTheScreen();
    expect(await screen.findByText(words.profile.household.title)).toBeOnTheScreen();
    expect(await screen.findByRole("radio", { name: words.common.district.Nicosia, checked: true })).toBeOnTheScreen();
    expect(await screen.findByText(words.profile.home.title)).toBeOnTheScreen();
    expect(await screen.findByRole("button", { name: i18n.t("profile:consents.withdraw", { meter: "CY-0001" }) })).toBeOnTheScreen();
    expectNoRawKeys("profile");

    fireEvent.press(screen.getAllByRole("button", { name: words.points.card.history }).at(-1)!);
    expect(await screen.findByText(words.points.screen.history)).toBeOnTheScreen();
    expectNoRawKeys("points history");
  }, 30_000);
});
