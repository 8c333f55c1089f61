import { headers } from "next/headers";
import { AccessDenied, deniedScreenOf } from "@/components/access-denied";

/** Rendered, with HTTP 403, when a page calls `forbidden()`: names the screen from the path proxy.ts passes on. */
export default async function Forbidden() {
  const { screen, needs } = deniedScreenOf((await headers()).get("x-elevate-path"));
  return <AccessDenied screen={screen} needs={needs} />;
}
