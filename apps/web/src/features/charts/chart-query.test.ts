import { describe, expect, it } from 'vitest';
import { readChartQuery, toChartSearch } from './chart-query';

describe('the chart filter in the address', () => {
  it('reads a shared address and writes it back the same', () => {
    const search = 'q=PC+273&consequence=aggravated_felony&outcome=no&sort=grade&dir=desc';
    const query = readChartQuery(new URLSearchParams(search));
    expect(query).toEqual({
      q: 'PC 273',
      consequence: 'aggravated_felony',
      outcome: 'no',
      sort: 'grade',
      direction: 'desc',
    });
    expect(toChartSearch(query).toString()).toBe(search);
  });

  it('ignores values it does not know rather than failing, and keeps the default order out of the address', () => {
    const query = readChartQuery(new URLSearchParams('consequence=<script>&outcome=maybe&sort=drop&dir=up'));
    expect(query).toEqual({ q: '', consequence: null, outcome: null, sort: 'statute', direction: 'asc' });
    expect(toChartSearch(query).toString()).toBe('');
  });
});
