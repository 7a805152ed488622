import { describe, expect, it } from 'vitest';
import { formatCount, formatDate } from './labels';

// formatDate and formatCount write out what Intl writes for en-US, without making a formatter.
describe('formatDate', () => {
  const intl = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });

  it('writes every month and day as Intl does for en-US', () => {
    for (let month = 0; month < 12; month++) {
      for (const day of [1, 9, 10, 28]) {
        const date = new Date(Date.UTC(2024, month, day));
        expect(formatDate(date.toISOString())).toBe(intl.format(date));
        expect(formatDate(date.toISOString().slice(0, 10))).toBe(intl.format(date));
      }
    }
  });

  it('takes the day in UTC, and leaves what is not a date as it is', () => {
    expect(formatDate('2024-03-05T23:30:00-05:00')).toBe('Mar 6, 2024');
    expect(formatDate('1999-12-31')).toBe('Dec 31, 1999');
    expect(formatDate('')).toBe('');
    expect(formatDate(null)).toBe('');
    expect(formatDate('not a date')).toBe('not a date');
  });
});

describe('formatCount', () => {
  it('groups digits as Intl does for en-US', () => {
    const intl = new Intl.NumberFormat('en-US');
    for (const count of [0, 7, 999, 1000, 12345, 999999, 1000000, 10000000, 123456789]) {
      expect(formatCount(count)).toBe(intl.format(count));
    }
  });
});
