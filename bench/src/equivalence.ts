/** The equivalence check of the two designs: the design in use against the reference (the former). */

export interface SearchAnswer {
  total?: number;
  totalIsLowerBound?: boolean;
  facets?: Record<string, Record<string, number>>;
  hits?: Array<{ documentId: string; section?: { anchor: string } }>;
}

/**
 * How the design's answer `a` differs from the reference's `b` (total, facet counts, the page
 * of hits), or '' when it does not. The reference counts up to 1,000 documents only: where its
 * total is that lower bound, the design's exact total must be at least as large.
 */
export function differences(a: SearchAnswer, b: SearchAnswer): string {
  const what: string[] = [];
  if (a.totalIsLowerBound) what.push(`total ${a.total} is a lower bound`);
  if (b.totalIsLowerBound ? !((a.total ?? -1) >= (b.total ?? 0)) : a.total !== b.total)
    what.push(`total ${a.total} vs ${b.total}${b.totalIsLowerBound ? '+' : ''}`);
  const facets = new Set([...Object.keys(a.facets ?? {}), ...Object.keys(b.facets ?? {})]);
  for (const facet of facets) {
    const x = a.facets?.[facet] ?? {};
    const y = b.facets?.[facet] ?? {};
    const values = [...new Set([...Object.keys(x), ...Object.keys(y)])].filter((v) => x[v] !== y[v]);
    if (values.length > 0)
      what.push(
        `${facet}: ${values
          .slice(0, 3)
          .map((v) => `${v} ${x[v] ?? 0} vs ${y[v] ?? 0}`)
          .join(', ')}`,
      );
  }
  const ids = (answer: SearchAnswer) => (answer.hits ?? []).map((h) => h.documentId);
  const [x, y] = [ids(a), ids(b)];
  const first = x.findIndex((id, i) => id !== y[i]);
  if (first >= 0 || x.length !== y.length)
    what.push(`hits differ from #${(first >= 0 ? first : Math.min(x.length, y.length)) + 1}`);
  else {
    const anchors = (answer: SearchAnswer) => (answer.hits ?? []).map((h) => h.section?.anchor ?? '');
    const [p, q] = [anchors(a), anchors(b)];
    const section = p.findIndex((anchor, i) => anchor !== q[i]);
    if (section >= 0) what.push(`best section of hit #${section + 1} differs`);
  }
  return what.join('; ');
}
