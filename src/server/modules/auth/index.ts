/** The auth module's public face: its manifest and what other modules may call. */
export { deleteUserSessions, findUserByUsername, setPasswordHash } from './auth.repo.ts';
export { authModule } from './auth.routes.ts';
export { resolveSession, unlockLogin } from './auth.service.ts';
export { hashPassword, strongEnough } from './password.ts';
