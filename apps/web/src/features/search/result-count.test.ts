import { describe, expect, it } from 'vitest';
import { resultCount } from './result-count';

describe('resultCount', () => {
  it('gives an exact total as it is', () => {
    expect(resultCount({ total: 1 }, 'document', 'documents')).toBe('1 document');
    expect(resultCount({ total: 0 }, 'document', 'documents')).toBe('0 documents');
    expect(resultCount({ total: 1468 }, 'document', 'documents')).toBe('1,468 documents');
  });

  it('says "at least" of a total that is where the count stopped', () => {
    expect(resultCount({ total: 1000, totalIsLowerBound: true }, 'document', 'documents')).toBe('1,000+ documents');
    expect(resultCount({ total: 1000, totalIsLowerBound: true }, 'result', 'results')).toBe('1,000+ results');
    expect(resultCount({ total: 1, totalIsLowerBound: true }, 'document', 'documents')).toBe('1+ documents');
  });
});
