import type { JsonSchema } from '@kb/api/testing';
import fc from 'fast-check';
import { HOSTILE_STRINGS, HUGE_NUMBERS, withLoneSurrogate } from './hostile-values';

/**
 * fast-check arbitraries generated from the routes' JSON Schemas (TypeBox), so every route —
 * including ones added later — is fuzzed without writing anything for it.
 *
 * Each leaf is mostly valid-shaped (so requests get past validation and reach the services and
 * the database) and sometimes hostile (wrong type, NUL bytes, huge numbers, SQL, filter
 * syntax, traversal, markup); valid-shaped strings themselves include hostile text that fits
 * the schema, which is what reaches PostgreSQL and Meilisearch.
 */
export interface Pools {
  /** Real ids (documents, revisions, folders…) mixed into uuid-shaped values. */
  ids: string[];
  /** Real slugs mixed into free strings named like slugs or ids. */
  slugs: string[];
}

const EMPTY_POOLS: Pools = { ids: [], slugs: [] };

const s = (schema: JsonSchema, key: string) => schema[key];
const num = (schema: JsonSchema, key: string) =>
  typeof schema[key] === 'number' ? (schema[key] as number) : undefined;

/** Hostile values of any type: the leaf an attacker controls. */
export const hostileLeaf: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.constantFrom(...HUGE_NUMBERS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constant('x'.repeat(100_000)) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }) },
  {
    weight: 1,
    arbitrary: fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'a', '$where'), fc.jsonValue({ maxDepth: 1 })),
  },
);

/** Sometimes the valid value with a lone surrogate put into it: every route must answer 400. */
const sometimesWithLoneSurrogate = (valid: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: valid },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, fc.nat(), fc.boolean()).map(([v, at, high]) => withLoneSurrogate(v, at, high)),
    },
  );

function stringArbitrary(schema: JsonSchema, name: string | undefined, pools: Pools): fc.Arbitrary<string> {
  return sometimesWithLoneSurrogate(wellFormedStringArbitrary(schema, name, pools));
}

function wellFormedStringArbitrary(schema: JsonSchema, name: string | undefined, pools: Pools): fc.Arbitrary<string> {
  const minLength = num(schema, 'minLength') ?? 0;
  const maxLength = num(schema, 'maxLength') ?? 10_000;
  const fits = (v: string) => v.length >= minLength && v.length <= maxLength;
  const format = s(schema, 'format');
  if (format === 'uuid') {
    return pools.ids.length > 0 ? fc.oneof(fc.uuid(), fc.constantFrom(...pools.ids)) : fc.uuid();
  }
  if (format === 'email') return fc.emailAddress().filter(fits);
  if (format === 'date') {
    return fc
      .date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  }
  if (format === 'date-time') {
    return fc
      .date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString());
  }
  const pattern = s(schema, 'pattern');
  if (typeof pattern === 'string') {
    const regex = new RegExp(pattern);
    return fc.stringMatching(regex).filter((v) => fits(v) && regex.test(v));
  }
  const options: fc.Arbitrary<string>[] = [
    fc.string({ unit: 'grapheme', minLength, maxLength: Math.min(maxLength, 40) }),
    fc.string({ unit: 'binary', minLength, maxLength: Math.min(maxLength, 40) }),
  ];
  const hostileThatFits = HOSTILE_STRINGS.filter(fits);
  if (hostileThatFits.length > 0) options.push(fc.constantFrom(...hostileThatFits));
  const looksLikeReference = name !== undefined && /(id|slug)$/i.test(name);
  const references = [...pools.ids, ...pools.slugs].filter(fits);
  if (looksLikeReference && references.length > 0) options.push(fc.constantFrom(...references));
  return fc.oneof(...options);
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = num(schema, 'minimum') ?? (num(schema, 'exclusiveMinimum') ?? -1_000_000) + (integer ? 1 : 0);
  const max = num(schema, 'maximum') ?? (num(schema, 'exclusiveMaximum') ?? 1_000_000) - (integer ? 1 : 0);
  return integer ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** Values that satisfy the schema (as far as it can be read), with hostile text that fits it. */
export function shapedArbitrary(
  schema: JsonSchema | undefined,
  pools: Pools = EMPTY_POOLS,
  name?: string,
): fc.Arbitrary<unknown> {
  if (!schema || typeof schema !== 'object') return fc.jsonValue({ maxDepth: 2 });
  if ('const' in schema) return fc.constant(schema.const);
  const enumValues = s(schema, 'enum');
  if (Array.isArray(enumValues) && enumValues.length > 0) return fc.constantFrom(...enumValues);
  const anyOf = (s(schema, 'anyOf') ?? s(schema, 'oneOf')) as JsonSchema[] | undefined;
  if (Array.isArray(anyOf) && anyOf.length > 0)
    return fc.oneof(...anyOf.map((sub) => shapedArbitrary(sub, pools, name)));
  const type = s(schema, 'type');
  switch (type) {
    case 'string':
      return stringArbitrary(schema, name, pools);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = s(schema, 'items') as JsonSchema | undefined;
      return fc.array(fuzzedArbitrary(items, pools, name), {
        minLength: num(schema, 'minItems') ?? 0,
        maxLength: Math.min(num(schema, 'maxItems') ?? 4, 4),
      });
    }
    case 'object':
      return objectArbitrary(schema, pools);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Mostly valid-shaped, sometimes hostile: the leaf of a fuzzed request. */
export function fuzzedArbitrary(
  schema: JsonSchema | undefined,
  pools: Pools = EMPTY_POOLS,
  name?: string,
): fc.Arbitrary<unknown> {
  if (schema && s(schema, 'type') === 'object') return objectArbitrary(schema, pools);
  return fc.oneof(
    { weight: 4, arbitrary: shapedArbitrary(schema, pools, name) },
    { weight: 1, arbitrary: hostileLeaf },
  );
}

/** An object with its declared properties fuzzed, required ones sometimes missing, extra keys sometimes added. */
export function objectArbitrary(schema: JsonSchema, pools: Pools = EMPTY_POOLS): fc.Arbitrary<Record<string, unknown>> {
  const properties = (s(schema, 'properties') ?? {}) as Record<string, JsonSchema>;
  const required = ((s(schema, 'required') as string[] | undefined) ?? []).filter((k) => properties[k]);
  const fuzzed = fc.record(
    Object.fromEntries(Object.entries(properties).map(([key, sub]) => [key, fuzzedArbitrary(sub, pools, key)])),
    { requiredKeys: [] },
  );
  const requiredShaped = fc.record(
    Object.fromEntries(required.map((k) => [k, shapedArbitrary(properties[k], pools, k)])),
  );
  const extraKeys = fc.dictionary(
    fc.constantFrom('__proto__', 'constructor', 'extra', 'role', 'status', 'id'),
    hostileLeaf,
  );
  return fc
    .tuple(fuzzed, requiredShaped, fc.nat(3), fc.option(extraKeys, { freq: 4 }))
    .map(([some, base, dropRequired, extra]) => ({
      // Three times in four every required key is there, so the request reaches the handler.
      ...(dropRequired === 0 ? {} : base),
      ...some,
      ...(extra ?? {}),
    }));
}

/** A schema-valid sample, deterministic enough for the access walk (first of a few tries). */
export function validSample(schema: JsonSchema | undefined, pools: Pools = EMPTY_POOLS, seed = 1): unknown {
  if (!schema) return undefined;
  const [value] = fc.sample(shapedValidArbitrary(schema, pools), { numRuns: 1, seed });
  return value;
}

/** Like shapedArbitrary, but with plain text only (for requests that must pass validation). */
export function shapedValidArbitrary(
  schema: JsonSchema | undefined,
  pools: Pools = EMPTY_POOLS,
  name?: string,
): fc.Arbitrary<unknown> {
  if (!schema || typeof schema !== 'object') return fc.constant({});
  if ('const' in schema) return fc.constant(schema.const);
  const enumValues = s(schema, 'enum');
  if (Array.isArray(enumValues) && enumValues.length > 0) return fc.constantFrom(...enumValues);
  const anyOf = (s(schema, 'anyOf') ?? s(schema, 'oneOf')) as JsonSchema[] | undefined;
  if (Array.isArray(anyOf) && anyOf.length > 0) {
    const nonNull = anyOf.filter((sub) => s(sub, 'type') !== 'null');
    return shapedValidArbitrary(nonNull[0] ?? anyOf[0], pools, name);
  }
  const type = s(schema, 'type');
  if (type === 'string') {
    const format = s(schema, 'format');
    if (format || typeof s(schema, 'pattern') === 'string') return wellFormedStringArbitrary(schema, name, pools);
    const minLength = Math.max(num(schema, 'minLength') ?? 0, 1);
    const maxLength = Math.max(Math.min(num(schema, 'maxLength') ?? 24, 24), minLength);
    return fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength, maxLength });
  }
  if (type === 'array') {
    const minItems = num(schema, 'minItems') ?? 0;
    return fc.array(shapedValidArbitrary(s(schema, 'items') as JsonSchema, pools, name), {
      minLength: minItems,
      maxLength: minItems,
    });
  }
  if (type === 'object') {
    const properties = (s(schema, 'properties') ?? {}) as Record<string, JsonSchema>;
    const required = (s(schema, 'required') as string[] | undefined) ?? [];
    return fc.record(
      Object.fromEntries(
        required.filter((k) => properties[k]).map((k) => [k, shapedValidArbitrary(properties[k], pools, k)]),
      ),
    );
  }
  return shapedArbitrary(schema, pools, name);
}
