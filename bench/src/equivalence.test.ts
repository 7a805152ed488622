import { describe, expect, it } from 'vitest';
import { differences } from './equivalence';

const answer = (total: number, extra: Record<string, unknown> = {}) => ({
  total,
  facets: { kind: { advisory: 7 } },
  hits: [{ documentId: 'a', section: { anchor: 'x' } }],
  ...extra,
});

describe('the equivalence check of the two designs', () => {
  it('holds exact totals equal', () => {
    expect(differences(answer(420), answer(420))).toBe('');
    expect(differences(answer(421), answer(420))).toBe('total 421 vs 420');
  });

  it("takes the reference's capped total as a lower bound: the design's exact total must reach it", () => {
    const capped = { ...answer(1000, { totalIsLowerBound: true }), facets: { kind: { advisory: 1468 } } };
    expect(differences({ ...answer(1468), facets: { kind: { advisory: 1468 } } }, capped)).toBe('');
    expect(differences({ ...answer(999), facets: { kind: { advisory: 1468 } } }, capped)).toBe('total 999 vs 1000+');
    // The design itself must answer exact totals.
    expect(differences(answer(1000, { totalIsLowerBound: true }), answer(1000))).toContain('lower bound');
  });
});
