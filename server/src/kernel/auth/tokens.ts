import { createHash, randomBytes } from 'node:crypto';

/** An opaque session token for the cookie; only its sha256 is stored. */
export function newSessionToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A readable random password for generated accounts (first start without GEREL_ADMIN_PASSWORD). */
export function randomPassword(): string {
  return randomBytes(12).toString('base64url');
}
