/** Only a path on this site may be a post-sign-in destination: never another origin. */
export function safeCallbackUrl(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) {
    return "/";
  }
  if (value.startsWith("/signin")) return "/";
  return value;
}
