import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { ROLES } from "../../api/types";

/** A role's name for people (docs/GLOSSARY.md); an unknown role as the server says it. */
export function roleName(role: string, t: TFunction): string {
  return (ROLES as readonly string[]).includes(role) ? t(`users:role.${role}`) : role;
}

export function RoleLabel({ role }: { role: string }) {
  const { t } = useTranslation("users");
  return <>{roleName(role, t)}</>;
}
