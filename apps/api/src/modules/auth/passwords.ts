import { MIN_PASSWORD_LENGTH } from '@kb/contracts';
import { hash, verify } from '@node-rs/argon2';

// OWASP: argon2id, 19 MiB memory, 2 iterations, 1 degree of parallelism.
const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

// The most common passwords of at least the minimum length (from public breach corpora).
const COMMON = new Set([
  '1234567890',
  '12345678910',
  '0123456789',
  '1q2w3e4r5t',
  'qwertyuiop',
  'password12',
  'password123',
  'password1234',
  'iloveyou12',
  'qwerty1234',
  'qwerty12345',
  '1234567891',
  '9876543210',
  'abcdefghij',
  'abc1234567',
  'welcome123',
  'letmein123',
  'administrator',
  'passw0rd123',
  'football123',
  'baseball123',
  'monkey1234',
  'dragon1234',
  'sunshine123',
  'princess123',
  'trustno1234',
  'changeme123',
  'qazwsxedc123',
  '1qaz2wsx3edc',
  'zaq12wsxcde3',
  'aaaaaaaaaa',
  '1111111111',
  '0000000000',
  'superman123',
  'michael123',
  'password!1',
  'p@ssw0rd123',
  'adminadmin',
  'admin12345',
  'welcome1234',
  'qwertyuiop123',
  'asdfghjkl1',
]);

/** A reason the password is too weak, or null when it is acceptable. */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > 256) return 'Use at most 256 characters.';
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || /^(.)\1+$/.test(password)) return 'This password is too common. Choose another.';
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return 'Do not use your e-mail address in the password.';
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verified against when the e-mail is unknown, so both cases cost the same time.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-used-for-timing-only');
  return dummyHash;
}
