import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { FormEvent } from "react";
import { ROLES } from "../../api/types";
import { roleName } from "./RoleLabel";

interface Props {
  q: string;
  role: string;
  onSearch(q: string): void;
  onRoleChange(role: string): void;
}

export function UserFilters({ q, role, onSearch, onRoleChange }: Props) {
  const { t } = useTranslation("users");
  const [text, setText] = useState(q);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    onSearch(text.trim());
  }

  return (
    <form role="search" aria-label={t("list.title")} onSubmit={onSubmit} className="flex flex-wrap items-end gap-3">
      <div className="min-w-64 flex-1">
        <label htmlFor="user-search" className="mb-1 block text-sm font-medium">
          {t("list.search")}
        </label>
        <input
          id="user-search"
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t("list.searchPlaceholder")}
          className="input"
        />
      </div>
      <div>
        <label htmlFor="user-role" className="mb-1 block text-sm font-medium">
          {t("account.role")}
        </label>
        <select id="user-role" value={role} onChange={(e) => onRoleChange(e.target.value)} className="input">
          <option value="">{t("list.allRoles")}</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {roleName(r, t)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn-primary">
        {t("list.searchButton")}
      </button>
    </form>
  );
}
