import { ApiError } from "@shared/api/errors";
import { render, screen } from "@testing-library/react";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { i18n } from "../i18n/i18n";
import type { Language } from "../i18n/languages";
import { ProblemAlert } from "./ProblemAlert";

function problem(slug: string, status: number, extra: object = {}) {
  return new ApiError(status, {
    type: `urn:powersave:problem:${slug}`,
    title: "Problem",
    status,
    detail: `the server's own words (${slug})`,
    ...extra,
  });
}

function show(error: unknown, language: Language, shownFields: string[] = []) {
  void i18n.changeLanguage(language);
  render(
    <I18nextProvider i18n={i18n}>
      <ProblemAlert error={error} title="Τίτλος" shownFields={shownFields} />
    </I18nextProvider>,
  );
  return screen.getByRole("alert");
}

describe("a problem, for people", () => {
  it("says the server's English words on an English screen", () => {
    expect(show(problem("conflict", 409), "en")).toHaveTextContent("the server's own words (conflict)");
  });

  it("translates the problem by its kind on a Greek screen", () => {
    const alert = show(problem("conflict", 409), "el");
    expect(alert).toHaveTextContent("Αυτό συγκρούεται με κάτι που υπάρχει ήδη.");
    expect(alert).not.toHaveTextContent("the server's own words");
  });

  it("names each rejected field and says what is wrong with it in Greek, leaving out those shown beside their field", () => {
    const error = problem("validation-failed", 422, {
      errors: [
        { field: "meter_id", message: "meter id must be 1-64 letters" },
        { field: "interval_minutes", message: "must be 15 or 30" },
        { field: "mystery", message: "no such field" },
      ],
    });
    const alert = show(error, "el", ["interval_minutes"]);
    expect(alert).toHaveTextContent("Ορισμένα πεδία δεν είναι έγκυρα.");
    expect(alert).toHaveTextContent("Κωδικός μετρητή: Συμπληρώστε κωδικό μετρητή από 1 έως 64 γράμματα, ψηφία ή παύλες.");
    expect(alert).toHaveTextContent("mystery: Η τιμή αυτή δεν γίνεται δεκτή.");
    expect(alert).not.toHaveTextContent("Διάστημα μετρήσεων");
  });

  it("shows the request id when the server failed inside, in either language", () => {
    const error = problem("internal-error", 500, { request_id: "req-42" });
    expect(show(error, "el")).toHaveTextContent("Αναγνωριστικό αιτήματος: req-42");
  });

  it("keeps the request id to itself for a problem of the request", () => {
    expect(show(problem("not-found", 404, { request_id: "req-43" }), "en")).not.toHaveTextContent("req-43");
  });

  it("says the server could not be reached, and what an unexpected failure is, in Greek", () => {
    expect(show(new ApiError(0, null), "el")).toHaveTextContent("Δεν ήταν δυνατή η σύνδεση με τον διακομιστή.");
  });

  it("says an answer that was no problem document by its status", () => {
    expect(show(new ApiError(502, null), "el")).toHaveTextContent("Ο διακομιστής απάντησε με κωδικό 502.");
  });
});
