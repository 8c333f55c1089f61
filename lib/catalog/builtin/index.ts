import type { BuiltinCatalog } from "./builtin-catalog";
import { exchangeCatalog } from "./exchange";

/** Every built-in scope, each installed into every organisation. */
export const builtinCatalogs: readonly BuiltinCatalog[] = [exchangeCatalog];

/** Scope names that belong to Elevate: an external scope may not take one. */
export const builtinScopeNames: ReadonlySet<string> = new Set(builtinCatalogs.map((c) => c.scope.toLowerCase()));
