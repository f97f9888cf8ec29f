import { notFound } from "next/navigation";
import { CompareView } from "@/components/compare/compare-view";
import { toComparisonView } from "@/lib/compare/view";
import { clientIdSchema } from "@/lib/contract";
import { getComparison } from "@/lib/db/queries";
import { backendInfo } from "@/lib/server/backend-info";
import { pageContext } from "@/lib/server/context";

export const dynamic = "force-dynamic";

/** A saved comparison, as it was: panes, prompts, answers with their figures, votes. Running panes are followed live. */
export default async function ComparisonPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = clientIdSchema.safeParse((await params).id);
  if (!parsed.success) notFound();
  const { db, userId } = await pageContext();
  const stored = await getComparison({ db, userId, id: parsed.data });
  if (!stored) notFound();
  return <CompareView backend={backendInfo()} initial={toComparisonView(stored)} newId={stored.conversation.id} carried={null} saved={[]} />;
}
