import type { DataSource, User } from "../../api/types";

/** Only superadmins create data sources and revoke their keys; the server refuses anyone else. */
export function canManageSources(staff: User): boolean {
  return staff.role === "superadmin";
}

/** Only sources that upload with an API key have a key to revoke, and only until it is revoked. */
export function hasRevocableKey(source: DataSource): boolean {
  return source.kind === "api" && !source.revoked;
}
