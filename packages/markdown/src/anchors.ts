/** A heading's anchor: lowercase words joined by '-', the same for the same heading in every revision. */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/§/g, ' s ')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
  return slug || 'section';
}

/**
 * Gives repeated headings distinct anchors: "facts", "facts-2", "facts-3". "introduction" is
 * reserved for the text before the first heading.
 */
export function anchorAllocator(): (heading: string) => string {
  const seen = new Map<string, number>([['introduction', 1]]);
  return (heading) => {
    const base = slugify(heading);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}-${count}`;
  };
}
