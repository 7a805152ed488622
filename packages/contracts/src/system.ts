import { type Static, Type } from 'typebox';

export const HealthResponse = Type.Object({ status: Type.Literal('ok'), uptimeSeconds: Type.Number() });

/** Up or down, and how fast: the reason (an address, a driver message) goes to the log only. */
const DependencyState = Type.Object({
  ok: Type.Boolean(),
  latencyMs: Type.Optional(Type.Number()),
});

export const ReadyResponse = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('unavailable')]),
  postgres: DependencyState,
  meilisearch: DependencyState,
});
export type ReadyResponse = Static<typeof ReadyResponse>;
