import { describe, expect, it } from "vitest";
import { admin, superadmin, user } from "../../test/fixtures";
import { canChangeRole, canManage } from "./permissions";

describe("what staff may change", () => {
  const consumer = user();
  const otherAdmin = user({ id: "other-admin", role: "admin" });

  it("mirrors the server: admins manage consumers, superadmins everyone but themselves", () => {
    expect(canManage(admin, consumer)).toBe(true);
    expect(canManage(admin, otherAdmin)).toBe(false);
    expect(canManage(admin, superadmin)).toBe(false);
    expect(canManage(admin, admin)).toBe(false);
    expect(canManage(superadmin, otherAdmin)).toBe(true);
    expect(canManage(superadmin, superadmin)).toBe(false);
  });

  it("leaves roles to superadmins, never their own", () => {
    expect(canChangeRole(admin, consumer)).toBe(false);
    expect(canChangeRole(superadmin, consumer)).toBe(true);
    expect(canChangeRole(superadmin, superadmin)).toBe(false);
  });
});
