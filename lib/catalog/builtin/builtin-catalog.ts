/** A workload catalog that ships with Elevate: defined once here, installed into every organisation. */
export interface BuiltinCatalog {
  scope: string;
  description: string;
  /** The release of this definition; an organisation's scope row records the one it has. */
  version: number;
  tasks: Record<string, string>;
  roles: Record<string, { description: string; tasks: string[] }>;
  roleGroups: Record<string, { description: string; roles: string[] }>;
  /**
   * Parameters that name an object of the workload (a mailbox, a journal rule…), by task and
   * parameter name, so the runspace can offer the objects to pick from. Read from code by task name
   * and never stored in an organisation, so changing it needs no new `version`.
   */
  objectParameters?: Record<string, Record<string, string>>;
}
