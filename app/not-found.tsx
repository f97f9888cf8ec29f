import Link from "next/link";

export const metadata = { title: "Not found · V4 Chat" };

/**
 * A wrong address outside the conversations. Kept plain on purpose: the root not-found page's
 * scripts load with every page, so it must not carry the app's frame (a missing conversation gets
 * the frame from app/c/[id]/not-found.tsx).
 */
export default function NotFound() {
  return (
    <main className="flex h-dvh flex-col items-center justify-center gap-3 p-6 text-center">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="text-sm text-muted-foreground">There is nothing at this address.</p>
      <Link href="/" className="rounded-lg bg-primary px-4 py-2 text-sm font-medium text-primary-foreground">
        Go to your chats
      </Link>
    </main>
  );
}
