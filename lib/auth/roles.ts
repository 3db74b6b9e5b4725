/** Who may do what; isomorphic so pages can hide what a role may not use. */
export const ROLES = ["admin", "dispatcher", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** Each role may do everything the roles after it may do. */
const RANK: Record<Role, number> = { admin: 3, dispatcher: 2, viewer: 1 };

export function roleAtLeast(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}
