/**
 * The signed-in person for pages and server actions. Every page calls one of these on the server:
 * a hidden link is never the check.
 */
import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { db } from "@/db/client";
import { clientInfoOf } from "@/lib/server/http/client-address";
import { auth } from "./auth";
import { loadActor } from "@/lib/auth/load-actor";
import type { Actor } from "@/lib/auth/roles";

export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  if (!session?.user?.id || !session.organisationId) return null;
  const actor = await loadActor(await db(), session.user.id, session.organisationId);
  if (!actor) return null;
  // From where, for the audit log of every action taken in the admin center: the address the
  // production server resolved (the one the rate limits count), and the browser.
  return { ...actor, client: { via: "user", ...clientInfoOf(await headers()) } };
});

/** The signed-in person, or a redirect to sign-in that comes back to this page afterwards. */
export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (actor) return actor;
  // The proxy records the path it let through, so sign-in can return to it.
  const path = (await headers()).get("x-elevate-path") ?? "/";
  redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
}
