// The password rules for every password a person sets (ASVS 2.1.1–2.1.2, 2.1.7). Kept apart from
// password.ts so that config.ts can use them without loading the argon2 binding.

/** ASVS 2.1.1: at least 12 characters for any password set from now on (older ones still log in). */
export const MIN_PASSWORD_LENGTH = 12;
/** ASVS 2.1.2: at least 64 must be allowed; longer than 128 only costs hashing time. */
export const MAX_PASSWORD_LENGTH = 128;

/** Well-known passwords and the product's own name at the start of a secret (case-insensitive). */
export const WEAK_SECRETS = /^(admin|gerel|password|passw0rd|changeme|secret|123456|12345678|qwerty|letmein)/i;

export type PasswordProblem = 'short' | 'long' | 'common';

/** Why a new password is refused, or null. Length counts characters (code points), not bytes. */
export function passwordProblem(password: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return 'short';
  if (length > MAX_PASSWORD_LENGTH) return 'long';
  // Too few distinct characters ("aaaaaaaaaaaa", "abababababab") is as guessable as a common password.
  if (WEAK_SECRETS.test(password) || new Set(password).size < 5) return 'common';
  return null;
}
