import { type Static, Type } from 'typebox';

export const HealthResponse = Type.Object({ status: Type.Literal('ok'), uptimeSeconds: Type.Number() });

const DependencyState = Type.Object({
  ok: Type.Boolean(),
  latencyMs: Type.Optional(Type.Number()),
  error: Type.Optional(Type.String()),
});

export const ReadyResponse = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('unavailable')]),
  postgres: DependencyState,
  meilisearch: DependencyState,
});
export type ReadyResponse = Static<typeof ReadyResponse>;
