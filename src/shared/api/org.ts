/** TypeBox schemas of the org tree and its users as the API shows them, and their types for the web. */
import { Type, type Static } from 'typebox';
import { ORG_LEVELS, ROLES } from '../enums.ts';
import { Id, Nullable, StringEnum } from './common.ts';

/** An org unit. */
export const OrgUnitOut = Type.Object({
  id: Type.Integer(), code: Type.String(), name: Type.String(), level: StringEnum(ORG_LEVELS), parentId: Nullable(Type.Integer()),
  active: Type.Boolean(),
});

/** A role on a unit, in a user's body. */
export const RoleBinding = Type.Object({ role: StringEnum(ROLES), orgUnitId: Id }, { additionalProperties: false });

/** A user as administrators see it: each role with its unit's name. */
export const UserOut = Type.Object({
  id: Type.Integer(), username: Type.String(), displayName: Type.String(), phone: Nullable(Type.String()), active: Type.Boolean(),
  roles: Type.Array(Type.Object({ role: StringEnum(ROLES), orgUnitId: Type.Integer(), orgUnitName: Type.Optional(Type.String()) })),
});

/** An org unit. */
export type OrgUnit = Static<typeof OrgUnitOut>;
/** A user as administrators see it. */
export type User = Static<typeof UserOut>;
