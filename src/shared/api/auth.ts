/** TypeBox schemas of the signed-in user as the API shows it, and their types for the web. */
import { Type, type Static } from 'typebox';
import { ROLES } from '../enums.ts';
import { StringEnum } from './common.ts';

/** The signed-in user with its role bindings. */
export const MeOut = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  mustChangePassword: Type.Boolean(),
  roles: Type.Array(Type.Object({ role: StringEnum(ROLES), orgUnitId: Type.Integer() })),
});

/** The answer of POST /auth/login. */
export const LoginOut = Type.Object({ user: MeOut, expiresAt: Type.String() });

/** The answer of GET /auth/session: no user when not signed in. */
export const SessionOut = Type.Object({ user: Type.Union([MeOut, Type.Null()]) });

/** The signed-in user. */
export type Me = Static<typeof MeOut>;
/** The answer of POST /auth/login. */
export type Login = Static<typeof LoginOut>;
/** The answer of GET /auth/session. */
export type Session = Static<typeof SessionOut>;
