/** A workload catalog that ships with Elevate: defined once here, installed into every organisation. */
export interface BuiltinCatalog {
  scope: string;
  description: string;
  /** The release of this definition; an organisation's scope row records the one it has. */
  version: number;
  tasks: Record<string, string>;
  roles: Record<string, { description: string; tasks: string[] }>;
  roleGroups: Record<string, { description: string; roles: string[] }>;
}
