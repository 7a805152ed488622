import { formatCount } from '../../components/ui/labels';

/**
 * A search's total as a lawyer reads it: "1 document", "1,468 documents"; "1,000+ documents"
 * when the count stopped there (`totalIsLowerBound`), never a bound passed off as the count.
 */
export function resultCount(answer: { total: number; totalIsLowerBound?: boolean }, one: string, many: string): string {
  const atLeast = answer.totalIsLowerBound === true;
  return `${formatCount(answer.total)}${atLeast ? '+' : ''} ${answer.total === 1 && !atLeast ? one : many}`;
}
