import { describe, expect, it } from 'vitest';
import { sameTarget, searchTarget } from './watch-labels';

describe('watch targets', () => {
  it('writes a search as its words and filters in one order, whatever order it was built in', () => {
    const a = searchTarget('  dui   CIMT ', { consequence: ['cimt', 'aggravated-felony'], jurisdiction: ['us-ca'] });
    const b = searchTarget('dui CIMT', { jurisdiction: ['us-ca'], consequence: ['aggravated-felony', 'cimt'] });
    expect(a).toBe(b);
    expect(new URLSearchParams(a).get('q')).toBe('dui CIMT');
    expect(new URLSearchParams(a).getAll('consequence')).toEqual(['aggravated-felony', 'cimt']);
    expect(searchTarget('', {})).toBe('');
  });

  it('knows a followed search, statute or document when the page shows it again', () => {
    expect(sameTarget('search', 'consequence=cimt&q=dui', 'q=dui&consequence=cimt')).toBe(true);
    expect(sameTarget('search', 'q=dui', 'q=dui&consequence=cimt')).toBe(false);
    expect(sameTarget('citation', 'PC  273.5', 'PC 273.5')).toBe(true);
    expect(sameTarget('citation', 'Cal. Penal Code § 273.5', '273.5 PC')).toBe(true);
    expect(sameTarget('citation', 'PC 273.5', 'Cal. Penal Code § 273.5(a)')).toBe(false);
    expect(sameTarget('citation', 'PC 273.5', 'PC 273.6')).toBe(false);
    expect(sameTarget('document', 'a-b', 'A-B')).toBe(false);
  });
});
