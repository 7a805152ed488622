import type { Bookmark } from '@kb/contracts';
import { memo, useLayoutEffect, useRef } from 'react';
import { Markdown } from '../../../components/ui/markdown';
import { headingTag, type ReadableSection } from '../reading';
import styles from './document.module.css';

/**
 * One section: its anchored heading (the anchor bookmarks and links point at) with the
 * copy-link and bookmark buttons, then its body through the shared renderer.
 */
export const SectionView = memo(function SectionView({
  section,
  topLevel,
  bookmark,
  onCopyLink,
  onBookmark,
}: {
  section: ReadableSection;
  topLevel: number;
  bookmark: Bookmark | undefined;
  onCopyLink: (anchor: string, heading: string) => void;
  onBookmark: (anchor: string, heading: string) => void;
}) {
  const Heading = headingTag(section.level, topLevel);
  return (
    <section
      className={section.level === 1 ? `${styles.docSection} ${styles.level1}` : styles.docSection}
      aria-labelledby={section.level > 0 ? section.anchor : undefined}
    >
      {section.level > 0 ? (
        <div className={styles.docHeading}>
          <Heading id={section.anchor} tabIndex={-1}>
            {section.heading}
          </Heading>
          <span className={styles.docHeadingTools}>
            <button
              type="button"
              className={styles.iconButton}
              title="Copy link to this section"
              aria-label={`Copy link to section: ${section.heading}`}
              onClick={() => onCopyLink(section.anchor, section.heading)}
            >
              #
            </button>
            <button
              type="button"
              className={bookmark ? `${styles.iconButton} ${styles.isSaved}` : styles.iconButton}
              title={bookmark ? 'Bookmarked — edit or remove' : 'Bookmark this section'}
              aria-label={`${bookmark ? 'Edit bookmark of' : 'Bookmark'} section: ${section.heading}`}
              aria-pressed={Boolean(bookmark)}
              onClick={() => onBookmark(section.anchor, section.heading)}
            >
              {bookmark ? '★' : '☆'}
            </button>
          </span>
        </div>
      ) : null}
      {bookmark?.note ? (
        <aside className={styles.docSectionNote} aria-label="Your note">
          <span className={styles.docSectionNoteLabel}>Your note</span> {bookmark.note}
        </aside>
      ) : null}
      <SectionBody anchor={section.anchor} source={section.source} heading={section.heading} />
    </section>
  );
});

/**
 * The renderer numbers footnotes fn1, fn2… in every section; prefixing them with the section
 * anchor keeps ids unique on the page so a footnote link lands on its own note.
 */
function SectionBody({ anchor, source, heading }: { anchor: string; source: string; heading: string }) {
  const ref = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run when the rendered source changes
  useLayoutEffect(() => {
    const root = ref.current;
    if (!root) return;
    const prefix = `${anchor}--`;
    for (const element of root.querySelectorAll<HTMLElement>('[id^="fn"]')) {
      if (!element.id.startsWith(prefix)) element.id = prefix + element.id;
    }
    for (const link of root.querySelectorAll<HTMLAnchorElement>('a[href^="#fn"]')) {
      const target = link.getAttribute('href')?.slice(1) ?? '';
      if (!target.startsWith(prefix)) link.setAttribute('href', `#${prefix}${target}`);
    }
  }, [anchor, source]);
  return (
    <div ref={ref}>
      <Markdown source={source} heading={heading} />
    </div>
  );
}
