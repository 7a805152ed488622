import type { Database } from '@kb/db';
import { releaseSignInAttempt, reserveSignInAttempt } from './auth.repository';

type Reservation = { reserved: true } | { reserved: false; retryAfterSeconds: number };

/** Past this many remembered buckets, the expired ones are dropped. */
const PRUNE_ABOVE = 10_000;

/**
 * The sign-in limits' reservations, as one process makes them: one reservation per bucket at a
 * time, and a bucket found full is refused here until its window ends, without a round trip.
 * A burst of 300 parallel guesses at one account otherwise sent 300 upserts at once and queued
 * every request for a connection (some answered 503). PostgreSQL stays the one source of truth
 * (several replicas share it); a bucket emptied on another replica stays refused here until its
 * window ends, as a full bucket would be.
 */
export class SignInGate {
  private readonly inFlight = new Map<string, Promise<Reservation>>();
  private readonly fullUntil = new Map<string, number>();

  constructor(private readonly db: Database) {}

  async reserve(bucket: string, limit: number): Promise<Reservation> {
    const queued = this.inFlight.get(bucket);
    const turn = (queued ? queued.catch(() => undefined) : Promise.resolve()).then(() =>
      this.reserveNow(bucket, limit),
    );
    this.inFlight.set(bucket, turn);
    try {
      return await turn;
    } finally {
      if (this.inFlight.get(bucket) === turn) this.inFlight.delete(bucket);
    }
  }

  /** Gives an attempt back (a success): the bucket is no longer known to be full. */
  async release(bucket: string): Promise<void> {
    this.fullUntil.delete(bucket);
    await releaseSignInAttempt(this.db, bucket);
  }

  private async reserveNow(bucket: string, limit: number): Promise<Reservation> {
    const until = this.fullUntil.get(bucket) ?? 0;
    const left = until - Date.now();
    if (left > 0) return { reserved: false, retryAfterSeconds: Math.max(1, Math.ceil(left / 1000)) };
    const attempt = await reserveSignInAttempt(this.db, bucket, limit);
    if (attempt.reserved) this.fullUntil.delete(bucket);
    else this.remember(bucket, Date.now() + attempt.retryAfterSeconds * 1000);
    return attempt;
  }

  private remember(bucket: string, until: number): void {
    if (this.fullUntil.size >= PRUNE_ABOVE) {
      const now = Date.now();
      for (const [key, end] of this.fullUntil) if (end <= now) this.fullUntil.delete(key);
    }
    this.fullUntil.set(bucket, until);
  }
}

const gates = new WeakMap<Database, SignInGate>();

/** The gate of the process's database pool. */
export function signInGate(db: Database): SignInGate {
  let gate = gates.get(db);
  if (!gate) {
    gate = new SignInGate(db);
    gates.set(db, gate);
  }
  return gate;
}
