import { describe, expect, it } from "vitest";
import { admin, dataSource, superadmin } from "../../test/fixtures";
import { canManageSources, hasRevocableKey } from "./permissions";

describe("who manages data sources", () => {
  it("leaves creating sources and revoking keys to superadmins", () => {
    expect(canManageSources(superadmin)).toBe(true);
    expect(canManageSources(admin)).toBe(false);
  });

  it("offers to revoke only keys that uploading sources still hold", () => {
    expect(hasRevocableKey(dataSource({ kind: "api" }))).toBe(true);
    expect(hasRevocableKey(dataSource({ kind: "api", revoked: true }))).toBe(false);
    expect(hasRevocableKey(dataSource({ kind: "mqtt" }))).toBe(false);
    expect(hasRevocableKey(dataSource({ kind: "simulator" }))).toBe(false);
  });
});
