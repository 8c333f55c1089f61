/** Names that are secrets whatever the task says: never stored or audited in clear. */
const SECRET_NAME = /pass(word)?|secret|token|api.?key|credential/i;

export function redactParameters(parameters: unknown, secretNames: string[] = []): Record<string, unknown> {
  if (!parameters || typeof parameters !== "object" || Array.isArray(parameters)) return {};
  return Object.fromEntries(
    Object.entries(parameters as Record<string, unknown>).map(([name, value]) => [
      name,
      secretNames.includes(name) || SECRET_NAME.test(name) ? "[redacted]" : value,
    ]),
  );
}
