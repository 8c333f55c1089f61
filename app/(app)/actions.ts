"use server";

import { signOut } from "@/lib/server/auth/auth";

/** Ends the session on the server (the session row), not only the cookie. */
export async function signOutAction() {
  await signOut({ redirectTo: "/signin" });
}
