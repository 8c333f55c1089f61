/** The API says `roleGroup`, the database `role_group`. */
export type ApiTargetType = "task" | "role" | "roleGroup";
export type DbTargetType = "task" | "role" | "role_group";

export const toDbTargetType = (type: ApiTargetType): DbTargetType => (type === "roleGroup" ? "role_group" : type);
export const toApiTargetType = (type: DbTargetType): ApiTargetType => (type === "role_group" ? "roleGroup" : type);

export const targetTypeLabel: Record<DbTargetType, string> = { task: "task", role: "role", role_group: "role group" };
