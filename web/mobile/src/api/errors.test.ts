import { ApiError } from "@shared/api/errors";
import { createI18n } from "../i18n/createI18n";
import { describeError, describeFieldError } from "./errors";

const problem = (status: number, slug: string, extra: object = {}) =>
  new ApiError(status, { type: `urn:powersave:problem:${slug}`, title: "t", status, detail: `english detail of ${slug}`, ...extra });

const el = createI18n("el");
const en = createI18n("en");

test("in Greek a problem is told by its type, since the server's detail is English", () => {
  expect(describeError(el, problem(401, "invalid-credentials"))).toBe("Λάθος email ή κωδικός πρόσβασης.");
  expect(describeError(el, problem(429, "rate-limited"))).toBe("Πάρα πολλές προσπάθειες. Περιμένετε λίγο και δοκιμάστε ξανά.");
  expect(describeError(el, problem(409, "conflict"), "join")).toBe("Δεν μπορείτε να συμμετάσχετε σε αυτή την Περίοδο Εξοικονόμησης τώρα.");
  expect(describeError(el, problem(418, "a-type-we-do-not-know"))).toBe("Κάτι πήγε στραβά. Δοκιμάστε ξανά.");
});

test("in English the server's own detail is shown", () => {
  expect(describeError(en, problem(409, "conflict"), "join")).toBe("english detail of conflict");
});

test("an internal error gives the request id to quote, in either language", () => {
  const internal = problem(500, "internal-error", { request_id: "req-42" });
  expect(describeError(el, internal)).toBe(
    "Κάτι πήγε στραβά στον διακομιστή. Αν επικοινωνήσετε με την υποστήριξη, αναφέρετε αυτόν τον κωδικό: req-42.",
  );
  expect(describeError(en, internal)).toBe("Something went wrong on the server. If you contact support, give them this code: req-42.");
});

test("a server out of reach and a failure that is no problem document have their own words", () => {
  expect(describeError(el, new ApiError(0, null, "The server could not be reached."))).toBe(
    "Δεν ήταν δυνατή η σύνδεση με τον διακομιστή. Ελέγξτε τη σύνδεσή σας και δοκιμάστε ξανά.",
  );
  expect(describeError(en, new Error("boom"))).toBe("Something went wrong. Try again.");
});

test("a field error is told per form and field in Greek, in the server's words in English", () => {
  const refused = problem(422, "validation-failed", { errors: [{ field: "current_password", message: "current password is not correct" }] });
  expect(describeFieldError(el, refused, "changePassword", "current_password")).toBe("Ο τρέχων κωδικός πρόσβασης δεν είναι σωστός.");
  expect(describeFieldError(en, refused, "changePassword", "current_password")).toBe("current password is not correct");
  expect(describeFieldError(el, refused, "changePassword", "new_password")).toBeUndefined();
  const unknownField = problem(422, "validation-failed", { errors: [{ field: "shoe_size", message: "too big" }] });
  expect(describeFieldError(el, unknownField, "register", "shoe_size")).toBe("Αυτό το πεδίο δεν είναι έγκυρο.");
});
