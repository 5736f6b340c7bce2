import { fireEvent, screen } from "@testing-library/react-native";
import type { PointsEntry } from "../../api/types";
import { memoryVault, servicesFor, tokens } from "../../test/fakeServer";
import { household, page, summary, user } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";
import { progress } from "../garden/fixtures";
import { createI18n } from "../../i18n/createI18n";
import { pointsWords } from "./words";

const entry = (points: number, reason: PointsEntry["reason"], note: string | null = null): PointsEntry => ({
  points,
  reason,
  // A correction refers to the same session with "#n".
  reference: `0c1d2e3f-0000-4000-8000-000000000002${points < 0 ? "#1" : ""}`,
  note,
  created_at: "2026-07-01T16:30:00Z",
});

const newest = [
  entry(-20, "session_savings", "Late meter data lowered the savings"),
  entry(180, "session_savings"),
  entry(10, "opt_in_bonus"),
];
const older = [entry(50, "streak_bonus")];

function signedIn() {
  return servicesFor(
    {
      "POST /auth/refresh": () => ({ status: 200, body: tokens(1) }),
      "GET /me": () => ({ status: 200, body: user }),
      "GET /me/consumption/summary": () => ({ status: 200, body: summary }),
      "GET /me/household": () => ({ status: 200, body: household }),
      "GET /sessions": () => ({ status: 200, body: page([]) }),
      "GET /me/progress": () => ({ status: 200, body: progress() }),
      "GET /me/points": ({ query }) => {
        const perPage = Number(query.get("per_page"));
        const all = [...newest, ...older];
        const start = (Number(query.get("page")) - 1) * perPage;
        const items = perPage === 1 ? all.slice(0, 1) : start === 0 ? newest : older;
        return { status: 200, body: { balance: 220, items, page: Number(query.get("page")), per_page: perPage === 1 ? 1 : 3, total: 4 } };
      },
    },
    memoryVault("refresh-0"),
  );
}

test("reasons read as words and a negative entry as a correction", () => {
  const words = pointsWords(createI18n("en"));
  expect(words.reason("opt_in_bonus")).toBe("Opt-in bonus");
  expect(words.reason("badge")).toBe("Badge");
  expect(words.reason("goodwill_gift")).toBe("Goodwill gift");
  expect(words.entryTitle(entry(-20, "session_savings"))).toBe("Correction: session savings");
  expect(words.amount(-20, true)).toBe("−20 points");
  expect(words.amount(180, true)).toBe("+180 points");
  expect(words.amount(1)).toBe("1 point");
  expect(words.amount(12_345)).toBe("12,345 points");
});

test("in Greek a point is «πόντος», several are «πόντοι», and thousands are grouped with a dot", () => {
  const words = pointsWords(createI18n("el"));
  expect(words.reason("opt_in_bonus")).toBe("Μπόνους συμμετοχής");
  expect(words.reason("badge")).toBe("Διάκριση");
  expect(words.entryTitle(entry(-20, "session_savings"))).toBe("Διόρθωση: εξοικονόμηση σε περίοδο");
  expect(words.amount(1)).toBe("1 πόντος");
  expect(words.amount(-20, true)).toBe("−20 πόντοι");
  expect(words.amount(12_345, true)).toBe("+12.345 πόντοι");
});

test("Home shows the balance, and its history lists every entry in words, older ones on request", async () => {
  const { services, server } = signedIn();
  renderApp(services);
  expect(await screen.findByLabelText("Balance: 220 points")).toBeOnTheScreen();

  fireEvent.press(screen.getByRole("button", { name: "Green Points history" }));
  expect(await screen.findByLabelText("Correction: session savings, −20 points")).toBeOnTheScreen();
  expect(screen.getByText("Late meter data lowered the savings")).toBeOnTheScreen();
  expect(screen.getByLabelText("Session savings, +180 points")).toBeOnTheScreen();
  expect(screen.getByLabelText("Opt-in bonus, +10 points")).toBeOnTheScreen();
  expect(screen.queryByLabelText("Streak bonus, +50 points")).toBeNull();

  fireEvent.press(screen.getByRole("button", { name: "Show older entries" }));
  expect(await screen.findByLabelText("Streak bonus, +50 points")).toBeOnTheScreen();
  expect(screen.queryByRole("button", { name: "Show older entries" })).toBeNull();
  expect(server.calls.some((call) => call.path === "/me/points" && call.authorization === "Bearer access-1")).toBe(true);
});

test("Profile shows the balance and opens the same history", async () => {
  const { services } = signedIn();
  renderApp(services);
  expect(await screen.findByText("Today so far")).toBeOnTheScreen();
  fireEvent.press(screen.getByText("Profile"));
  expect(await screen.findByText("eleni@example.com")).toBeOnTheScreen();
  expect(screen.getAllByLabelText("Balance: 220 points").length).toBeGreaterThan(0);
  fireEvent.press(screen.getAllByRole("button", { name: "Green Points history" }).at(-1)!);
  expect(await screen.findByText("History")).toBeOnTheScreen();
  expect(screen.getByLabelText("Opt-in bonus, +10 points")).toBeOnTheScreen();
});
