import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** API token values: `atl_` + 32 random bytes in base64url (43 characters). */
export const TOKEN_PREFIX = 'atl_';
export const SESSION_COOKIE = 'atelier_session';
export const CSRF_HEADER = 'x-atelier-csrf';

export function newTokenValue(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** Random secrets (tokens, session cookies) are stored as sha256: unguessable input needs no slow hash. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** The part of a token shown in lists (its value is shown once, at creation). */
export function tokenDisplayPrefix(value: string): string {
  return value.slice(0, 8);
}

/** argon2id with the library's defaults (OWASP's m=19 MiB, t=2, p=1). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * Checked against an unknown email so a wrong email costs as long as a wrong password (no user
 * enumeration by timing). Computed once, lazily.
 */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  return (dummyHash ??= hash(randomSecret()));
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
