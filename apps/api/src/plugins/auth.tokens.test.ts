import { describe, expect, it } from 'vitest';
import { type AccessTokenPayload, bearerToken, VerifiedTokens } from './auth';

const NOW = 1_800_000_000_000;
const payload = (exp?: number): AccessTokenPayload => ({ sub: 'u1', role: 'reader', ver: 1, sid: 's1', exp });

describe('VerifiedTokens', () => {
  it('checks a token once and answers it from memory until it expires', () => {
    let verified = 0;
    const tokens = new VerifiedTokens(() => {
      verified++;
      return payload(NOW / 1000 + 60);
    });
    expect(tokens.payloadOf('t', NOW).sub).toBe('u1');
    expect(tokens.payloadOf('t', NOW + 59_000).sub).toBe('u1');
    expect(verified).toBe(1);
    // Expired: verified again (here the verifier would refuse it).
    expect(tokens.payloadOf('t', NOW + 60_000).sub).toBe('u1');
    expect(verified).toBe(2);
  });

  it('keeps nothing the verifier refused, and an expired token is refused again by the verifier', () => {
    const tokens = new VerifiedTokens((token) => {
      if (token === 'forged') throw new Error('invalid signature');
      return payload(NOW / 1000 + 1);
    });
    expect(() => tokens.payloadOf('forged', NOW)).toThrow('invalid signature');
    expect(() => tokens.payloadOf('forged', NOW)).toThrow('invalid signature');
    expect(tokens.size).toBe(0);
  });

  it('is bounded (oldest out first) and never keeps a token without an expiry', () => {
    let verified = 0;
    const tokens = new VerifiedTokens((token) => {
      verified++;
      return payload(token === 'forever' ? undefined : NOW / 1000 + 60);
    }, 2);
    tokens.payloadOf('forever', NOW);
    tokens.payloadOf('forever', NOW);
    expect(verified).toBe(2);
    for (const t of ['a', 'b', 'c']) tokens.payloadOf(t, NOW);
    expect(tokens.size).toBe(2);
    tokens.payloadOf('a', NOW);
    expect(verified).toBe(6);
  });

  it('hands out payloads nobody can change for the next request', () => {
    const tokens = new VerifiedTokens(() => payload(NOW / 1000 + 60));
    expect(Object.isFrozen(tokens.payloadOf('t', NOW))).toBe(true);
  });
});

describe('bearerToken', () => {
  it('reads the token of a Bearer header as @fastify/jwt does', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer abc')).toBe('abc');
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken('Bearer ')).toBeUndefined();
    expect(bearerToken('Bearer a b')).toBeUndefined();
    expect(bearerToken('Bearerabc')).toBeUndefined();
  });
});
