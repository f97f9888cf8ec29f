import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AdminUsers } from "@/components/auth/admin-users";
import { PageShell, Section } from "@/components/auth/page-shell";
import { accountsExist, signUpOpen } from "@/lib/auth/accounts";
import { listUsers } from "@/lib/auth/admin";
import { pageContext } from "@/lib/server/context";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  const t = await getTranslations();
  return { title: t("meta.pageTitle", { page: t("admin.title") }) };
}

/** The admin's page: who may sign up, the users, their limits and today's usage. */
export default async function AdminPage() {
  const context = await pageContext();
  if (context.role !== "admin") notFound();
  // Before any account exists there is nobody to manage: the first step is the admin account.
  if (!(await accountsExist(context.db))) redirect("/sign-up");
  const [users, open] = await Promise.all([listUsers(context.db), signUpOpen(context.db)]);
  const t = await getTranslations("admin");
  return (
    <PageShell title={t("title")}>
      <Section title={t("users")}>
        <AdminUsers users={users} adminId={context.userId} signUpOpen={open} />
      </Section>
    </PageShell>
  );
}
