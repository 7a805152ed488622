import type { Bookmark, Section } from '@kb/contracts';
import { Link } from 'react-router';
import { type Chapter, chapterPosition } from '../reading';
import styles from './document.module.css';

/** One section in an outline: a link to it, marked when it is on screen or bookmarked. */
function OutlineEntry({
  section,
  depth,
  search,
  current,
  bookmarked,
}: {
  section: Section;
  depth: number;
  search: string;
  current: string | null;
  bookmarked: boolean;
}) {
  const isCurrent = current === section.anchor;
  return (
    <li className={depth >= 2 ? styles.tocDepth2 : depth === 1 ? styles.tocDepth1 : undefined}>
      <Link
        to={{ search, hash: section.anchor }}
        aria-current={isCurrent ? 'location' : undefined}
        className={isCurrent ? styles.isCurrent : undefined}
      >
        {section.heading}
      </Link>
      {bookmarked ? (
        <span className={styles.tocBookmark} title="Bookmarked">
          <span aria-hidden="true">★</span>
          <span className="visually-hidden">(bookmarked)</span>
        </span>
      ) : null}
    </li>
  );
}

/** The table of contents of a document read as a whole (sticky beside the text on wide screens). */
export function TableOfContents({
  sections,
  current,
  bookmarks,
}: {
  sections: Section[];
  current: string | null;
  bookmarks: Map<string, Bookmark>;
}) {
  const entries = sections.filter((s) => s.level > 0);
  if (entries.length === 0) return null;
  const top = Math.min(...entries.map((s) => s.level));
  return (
    <nav className={styles.docToc} aria-label="Contents">
      <h2 className={styles.docTocTitle}>Contents</h2>
      <ol>
        {entries.map((s) => (
          <OutlineEntry
            key={s.anchor}
            section={s}
            depth={s.level - top}
            search=""
            current={current}
            bookmarked={bookmarks.has(s.anchor)}
          />
        ))}
      </ol>
    </nav>
  );
}

/** A treatise's chapters, the open one expanded to its sections. */
export function ChapterOutline({
  chapters,
  open,
  current,
  bookmarks,
  showAll,
}: {
  chapters: Chapter[];
  open: Chapter | undefined;
  current: string | null;
  bookmarks: Map<string, Bookmark>;
  showAll: boolean;
}) {
  return (
    <nav className={styles.docToc} aria-label="Chapters">
      <h2 className={styles.docTocTitle}>Chapters</h2>
      <ol className={styles.chapterList}>
        {chapters.map((chapter) => {
          const isOpen = showAll || chapter === open;
          return (
            <li key={chapter.anchor} className={chapter === open ? styles.isOpen : undefined}>
              <Link
                to={{ search: showAll ? '?chapters=all' : '', hash: chapter.anchor }}
                className={styles.chapterLink}
                aria-current={chapter === open && !showAll ? 'page' : undefined}
              >
                {chapter.title}
              </Link>
              {isOpen && chapter === open ? (
                <ol>
                  {chapter.sections
                    .filter((s) => s.level > 1)
                    .map((s) => (
                      <OutlineEntry
                        key={s.anchor}
                        section={s}
                        depth={s.level - 2}
                        search={showAll ? '?chapters=all' : ''}
                        current={current}
                        bookmarked={bookmarks.has(s.anchor)}
                      />
                    ))}
                </ol>
              ) : null}
            </li>
          );
        })}
      </ol>
      <p className={styles.chapterMode}>
        {showAll ? (
          <Link to={{ search: '', hash: open?.anchor ?? '' }}>Read one chapter at a time</Link>
        ) : (
          <Link to={{ search: '?chapters=all', hash: open?.anchor ?? '' }}>Show the whole treatise (for printing)</Link>
        )}
      </p>
    </nav>
  );
}

/** Previous / next chapter, under the chapter's text. */
export function ChapterPager({ chapters, open }: { chapters: Chapter[]; open: Chapter }) {
  const index = chapters.indexOf(open);
  const previous = chapters[index - 1];
  const next = chapters[index + 1];
  return (
    <nav className={styles.chapterPager} aria-label="Chapter navigation">
      {previous ? (
        <Link to={{ hash: previous.anchor }} className={`${styles.chapterPagerLink} previous`} rel="prev">
          <span className={styles.chapterPagerDir}>← Previous chapter</span>
          <span className={styles.chapterPagerTitle}>{previous.title}</span>
        </Link>
      ) : (
        <span />
      )}
      <span className={`${styles.chapterPagerCount} muted`}>{chapterPosition(open, chapters)}</span>
      {next ? (
        <Link to={{ hash: next.anchor }} className={`${styles.chapterPagerLink} ${styles.next}`} rel="next">
          <span className={styles.chapterPagerDir}>Next chapter →</span>
          <span className={styles.chapterPagerTitle}>{next.title}</span>
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
