/** The auth module's public face: its manifest (login, session, password); sessions and credentials for org's user commands and the auth plugin. */
export { deleteUserSessions, findUserByUsername, setPasswordHash } from './auth.repo.ts';
export { authModule } from './auth.routes.ts';
export { resolveSession, unlockLogin } from './auth.service.ts';
export { hashPassword, strongEnough } from './password.ts';
