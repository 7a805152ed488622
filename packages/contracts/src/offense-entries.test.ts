import { describe, expect, it } from 'vitest';
import { offenseEntryPath, readerPath } from './offense-entries';

describe('reader paths', () => {
  it('opens an offense entry on its chart row page, federal or state', () => {
    expect(offenseEntryPath('us-ca-pc-273-5-a')).toBe('/charts/us-ca/pc-273-5-a');
    expect(offenseEntryPath('federal-8-usc-1326')).toBe('/charts/federal/8-usc-1326');
    expect(readerPath({ kind: 'offense_entry', slug: 'us-ca-pc-273-5-a' })).toBe('/charts/us-ca/pc-273-5-a');
  });

  it('opens every other document at /documents, even when its slug looks like a chart row', () => {
    expect(readerPath({ kind: 'advisory', slug: 'us-ca-domestic-violence' })).toBe(
      '/documents/us-ca-domestic-violence',
    );
    expect(readerPath({ kind: 'statute', slug: '8-usc-1101' })).toBe('/documents/8-usc-1101');
  });
});
