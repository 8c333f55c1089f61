import type { NextRequest } from "next/server";
import { db } from "@/db/client";
import { limitSignIn } from "@/lib/auth/limit-sign-in";
import { DomainError } from "@/lib/errors";
import { errorResponse } from "@/lib/server/api/errors";
import { handlers } from "@/lib/server/auth/auth";
import { clientAddressOf } from "@/lib/server/http/client-address";

export const { GET } = handlers;

/** Every POST here is a sign-in or sign-out step: limited per address before Auth.js sees it. */
export async function POST(request: NextRequest) {
  const ip = clientAddressOf(request.headers) ?? "local";
  try {
    if (!request.nextUrl.pathname.endsWith("/signout")) await limitSignIn(await db(), { ip });
  } catch (error) {
    if (error instanceof DomainError) return errorResponse(error);
    throw error;
  }
  return handlers.POST(request);
}
