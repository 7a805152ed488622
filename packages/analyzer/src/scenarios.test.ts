import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AnalysisRequest, type FindingOutcome, type OffenseEntryData } from '@kb/contracts';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { analyze, type ResolvedEntry, requestProblems } from './index';

/**
 * The scenario table: each scenario in scenarios/*.json is a client, priors and alternatives
 * with the outcomes the statute gives, run through the analyzer. Entries are named by the
 * `externalId` of a seeded entry (db/seed/offenses) or of a fixture (scenarios/fixture-entries.json).
 */

interface SeedItem {
  externalId: string;
  lastReviewedAt: string | null;
  entry: OffenseEntryData;
}
interface ScenarioOffense {
  entry?: string;
  citation?: string;
  jurisdiction?: string;
}
interface Scenario {
  name: string;
  basis: string;
  today: string;
  client: AnalysisRequest['client'];
  priors: (ScenarioOffense & { convictedOn: string; sentenceDays?: number })[];
  alternatives: (ScenarioOffense & Record<string, unknown> & { label: string })[];
  expect: Record<string, Record<string, FindingOutcome>>;
  expectRule?: Record<string, Record<string, string>>;
  differences?: string[];
}

const here = path.dirname(new URL(import.meta.url).pathname);
const scenarioDir = path.join(here, '..', 'scenarios');
const seedDir = path.join(here, '..', '..', '..', 'db', 'seed', 'offenses');

const uuidOf = (key: string) => {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

function loadEntries(): Map<string, ResolvedEntry> {
  const files = [path.join(scenarioDir, 'fixture-entries.json')];
  if (existsSync(seedDir)) {
    for (const f of readdirSync(seedDir).filter((f) => f.endsWith('.json'))) files.push(path.join(seedDir, f));
  }
  const entries = new Map<string, ResolvedEntry>();
  for (const file of files) {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as SeedItem[] | { entries: SeedItem[] };
    for (const item of Array.isArray(raw) ? raw : raw.entries) {
      entries.set(item.externalId, {
        id: uuidOf(item.externalId),
        revisionId: uuidOf(`${item.externalId}#1`),
        revisionNumber: 1,
        lastReviewedAt: item.lastReviewedAt,
        data: item.entry,
      });
    }
  }
  return entries;
}

const entries = loadEntries();
const scenarioFiles = readdirSync(scenarioDir).filter((f) => f.endsWith('.json') && !f.startsWith('fixture-'));
const scenarios = scenarioFiles.flatMap((f) =>
  (JSON.parse(readFileSync(path.join(scenarioDir, f), 'utf8')) as Scenario[]).map((s) => ({ ...s, file: f })),
);

function entryFor(key: string | undefined, where: string): ResolvedEntry | null {
  if (!key) return null;
  const e = entries.get(key);
  if (!e) throw new Error(`${where}: no entry "${key}" among the fixtures and seeded entries`);
  return e;
}

it('the table has at least 40 scenarios', () => {
  expect(scenarios.length).toBeGreaterThanOrEqual(40);
});

describe.each(scenarioFiles)('%s', (file) => {
  it.each(scenarios.filter((s) => s.file === file).map((s) => [s.name, s] as const))('%s', (_name, s) => {
    const altEntries = s.alternatives.map((a, i) => entryFor(a.entry, `${s.name}: alternatives[${i}]`)!);
    const priorEntries = s.priors.map((p, i) => entryFor(p.entry, `${s.name}: priors[${i}]`));
    const request = {
      client: s.client,
      priors: s.priors.map(({ entry, ...p }, i) => (entry ? { ...p, offenseId: priorEntries[i]!.id } : p)),
      alternatives: s.alternatives.map(({ entry, ...a }, i) => (entry ? { ...a, offenseId: altEntries[i]!.id } : a)),
    } as AnalysisRequest;
    // A scenario is a request the API would accept.
    expect([...Value.Errors(AnalysisRequest, request)].map((e) => `${e.instancePath} ${e.message}`)).toEqual([]);
    expect(requestProblems(request, s.today)).toEqual([]);

    const result = analyze(request, { alternatives: altEntries, priors: priorEntries }, s.today);
    for (const [label, grounds] of Object.entries(s.expect)) {
      const alternative = result.alternatives.find((a) => a.label === label);
      expect(alternative, `alternative ${label}`).toBeDefined();
      const got = Object.fromEntries(
        Object.keys(grounds).map((g) => [g, alternative!.findings.find((f) => f.ground === g)?.outcome]),
      );
      expect(got, `${label}: ${s.basis}`).toEqual(grounds);
      for (const f of alternative!.findings) {
        expect(f.reason.length, `${label} ${f.ground} has a reason`).toBeGreaterThan(20);
        expect(f.rule).toMatch(/INA §|C\.F\.R\./);
        expect(f.authorities).toContain(f.rule);
        if (f.outcome === 'depends' || f.outcome === 'unknown') {
          expect(f.whatWouldChange.length, `${label} ${f.ground} names what decides it`).toBeGreaterThan(10);
        }
      }
    }
    for (const [label, rules] of Object.entries(s.expectRule ?? {})) {
      const alternative = result.alternatives.find((a) => a.label === label)!;
      for (const [ground, rule] of Object.entries(rules)) {
        expect(alternative.findings.find((f) => f.ground === ground)?.rule).toBe(rule);
      }
    }
    if (s.differences) {
      expect(result.differences.map((d) => d.ground).sort()).toEqual([...s.differences].sort());
    }
  });
});
