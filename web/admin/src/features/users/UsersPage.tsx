import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import type { UserListQuery } from "../../api/types";
import { Loading } from "../../components/Loading";
import { Pagination } from "../../components/Pagination";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useDocumentTitle } from "../../lib/useDocumentTitle";
import { readListParams, writeListParams } from "./listParams";
import { useUserList } from "./queries";
import { UserFilters } from "./UserFilters";
import { UsersTable } from "./UsersTable";
import { EmptyList } from "../../components/EmptyList";

export function UsersPage() {
  const { t } = useTranslation("users");
  useDocumentTitle(t("list.title"));
  const [params, setParams] = useSearchParams();
  const query = readListParams(params);
  const users = useUserList(query);
  const update = (change: Partial<UserListQuery>) => setParams(writeListParams({ ...query, ...change }));

  return (
    <section aria-labelledby="users-heading" className="space-y-4">
      <h1 id="users-heading" className="text-2xl font-semibold">
        {t("list.title")}
      </h1>
      <UserFilters
        key={query.q ?? ""}
        q={query.q ?? ""}
        role={query.role ?? ""}
        onSearch={(q) => update({ q, page: 1 })}
        onRoleChange={(role) => update({ role, page: 1 })}
      />
      {users.isPending && <Loading label={t("list.loading")} />}
      {users.isError && (
        <ProblemAlert error={users.error} title={t("list.loadFailed")} onRetry={() => void users.refetch()} />
      )}
      {users.data &&
        (users.data.total === 0 ? (
          <EmptyList>{query.q || query.role ? t("list.noMatch") : t("list.none")}</EmptyList>
        ) : (
          <>
            <UsersTable
              users={users.data.items}
              busy={users.isPlaceholderData}
              sort={query.sort}
              onSort={(sort) => update({ sort, page: 1 })}
            />
            <Pagination
              page={users.data.page}
              perPage={users.data.per_page}
              total={users.data.total}
              onPageChange={(page) => update({ page })}
              onPerPageChange={(per_page) => update({ per_page, page: 1 })}
            />
          </>
        ))}
    </section>
  );
}
