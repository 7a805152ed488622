import { describe, expect, it } from 'vitest';
import { DOCUMENT_CONTENT_FIELDS, DocumentContent } from './documents';

describe('DOCUMENT_CONTENT_FIELDS', () => {
  it("names every field of a document's content, in the schema's order", () => {
    expect(DOCUMENT_CONTENT_FIELDS).toEqual(Object.keys(DocumentContent.properties));
  });
});
