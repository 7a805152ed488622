import { describe, expect, it } from 'vitest';
import { eventLabel, fieldName } from './notification-labels';

describe('how a change reads', () => {
  it('names a changed field in words, a consequence by its column', () => {
    expect(fieldName('offense.assessments.cimt.outcome')).toBe('CIMT outcome');
    expect(fieldName('offense.assessments.domestic_violence.summary')).toMatch(/^DV.* summary$/);
    expect(fieldName('lastReviewedAt')).toBe('last reviewed at');
    expect(fieldName('offense.maxSentenceDays')).toBe('max sentence days');
  });

  it('labels the events, and shows an unknown one as it is', () => {
    expect(eventLabel('needs_review')).toBe('Needs review');
    expect(eventLabel('something_new')).toBe('something new');
  });
});
