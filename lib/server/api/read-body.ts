import { DomainError } from "@/lib/errors";
import { withoutPrototypes } from "@/lib/validation";

export const MAX_BODY_BYTES = 64 * 1024;

/** The JSON body, bounded in size, as objects without a prototype; an empty body reads as `{}`. */
export async function readJsonBody(request: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge(limit);
  const bytes = new Uint8Array(
    await request.arrayBuffer().catch(() => {
      throw new DomainError("invalid:body", "The request body could not be read (the client went away?).");
    }),
  );
  if (bytes.byteLength > limit) throw tooLarge(limit);
  const text = new TextDecoder().decode(bytes).trim();
  if (text === "") return {};
  const type = request.headers.get("content-type") ?? "";
  if (type && !type.includes("json")) {
    throw new DomainError("invalid:content-type", "Send the body as JSON (Content-Type: application/json).");
  }
  try {
    return withoutPrototypes(JSON.parse(text));
  } catch {
    throw new DomainError("invalid:json", "The body is not valid JSON.");
  }
}

const tooLarge = (limit: number) => new DomainError("invalid:body-too-large", `The body is larger than ${Math.floor(limit / 1024)} KiB.`);
