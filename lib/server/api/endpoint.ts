import type { z } from "zod";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/roles";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface EndpointContext<Query, Body> {
  db: Database;
  actor: Actor;
  params: Record<string, string>;
  query: Query;
  body: Body;
}

/** One route of API v1: its schemas validate the call and, the same objects, document it in OpenAPI. */
export interface Endpoint<Query = unknown, Body = unknown> {
  method: Method;
  /** `/requests/{id}/approve`: `{name}` segments become params. */
  path: string;
  summary: string;
  /** Who may call it, for the docs; the domain function checks it. */
  who: string;
  query?: z.ZodType<Query>;
  /**
   * The domain's own input schema: the router checks the body against it, so a bad one is refused
   * with the API's error shape before any work, and hands the domain the body as sent (`Body`, the
   * schema's input type), which the domain parses as its own input.
   */
  body?: z.ZodType<unknown, Body>;
  /** The status of success (201 for creations). */
  status?: number;
  /** A larger body than MAX_BODY_BYTES, for the few endpoints that take a file (a CSV import). */
  maxBodyBytes?: number;
  handle(context: EndpointContext<Query, Body>): Promise<unknown>;
}

export function endpoint<Query = Record<string, never>, Body = undefined>(definition: Endpoint<Query, Body>): Endpoint {
  return definition as unknown as Endpoint;
}
