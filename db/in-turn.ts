/**
 * A transaction's queries, one after another, answered like `Promise.all`. A transaction is one
 * connection, which runs one query at a time anyway: `Promise.all` over it only makes pg queue them
 * (deprecated since pg 8.12, an error in pg 9). Drizzle's query builders run when awaited, so the
 * array holds queries not yet started and each starts when the one before has answered.
 */
export async function inTurn<T extends readonly unknown[] | []>(queries: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const answers: unknown[] = [];
  for (const query of queries) answers.push(await query);
  return answers as { -readonly [K in keyof T]: Awaited<T[K]> };
}
