/** Password hashing with argon2id (OWASP's first choice) and the strength rule. */
import { hash, verify } from '@node-rs/argon2';
import { LIMITS } from '../../../shared/limits.ts';

const ARGON2ID = 2; // Algorithm.Argon2id (a const enum, which isolated modules cannot import)

/** Hash a password for storage. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

// Verifying against this when the user does not exist keeps the response time the same either way.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0L7V2vYhEw2I1RrLrJq4Z0cq9Hk8E7fH0zXk0Wb5m8Q';

/** Whether a password matches a stored hash; never throws on a malformed hash. */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  try {
    return await verify(stored ?? DUMMY_HASH, password);
  } catch {
    return false;
  }
}

/** Whether a new password is acceptable: long enough, with letters and digits. */
export function strongEnough(password: string): boolean {
  return password.length >= LIMITS.passwordMin && /[A-Za-z]/.test(password) && /\d/.test(password);
}
