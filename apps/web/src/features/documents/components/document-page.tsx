import type { Bookmark, DocumentView } from '@kb/contracts';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { Drawer } from '../../../components/ui/dialog';
import { ErrorMessage } from '../../../components/ui/error-message';
import { formatDate, kindLabel } from '../../../components/ui/labels';
import { Spinner } from '../../../components/ui/spinner';
import { ApiError } from '../../../lib/api-client';
import { hasRole, mayEdit, useCurrentUser } from '../../../lib/auth';
import { useMediaQuery } from '../../../lib/use-media-query';
import { ChangeNotice, FollowButton } from '../../alerts';
import { MarkStatusForm, OwnStatusNotice, ReviewNotice } from '../../authorities';
import { BookmarkDialog, type BookmarkTarget, useBookmarks, useUpdateBookmark } from '../../library';
import { useDocument } from '../api/get-document';
import {
  changesUrl,
  chapterPosition,
  chaptersOf,
  hashAnchor,
  isChaptered,
  type ReadableSection,
  topHeadingLevel,
  withFootnotes,
} from '../reading';
import styles from './document.module.css';
import { DocumentContext, isPrimarySource } from './document-context';
import { DocumentHeader, SupersededBanner } from './document-header';
import { ChapterOutline, ChapterPager, TableOfContents } from './document-outline';
import { SectionView } from './section-view';

/** Where the reader's layout turns to one column (document.module.css says the same). */
const ONE_COLUMN = '(max-width: 960px)';

export function DocumentPage() {
  const { idOrSlug = '' } = useParams();
  const document = useDocument(idOrSlug);
  if (document.isPending) return <Spinner />;
  if (document.isError) {
    if (document.error instanceof ApiError && document.error.status === 404) {
      return (
        <div className="page narrow">
          <h1>Document not found</h1>
          <p>It may have been withdrawn, or the address is mistyped.</p>
          <p>
            <Link to="/">Search the library</Link> · <Link to="/library">My library</Link>
          </p>
        </div>
      );
    }
    return (
      <div className="page narrow">
        <ErrorMessage error={document.error} retry={() => void document.refetch()} />
      </div>
    );
  }
  return <DocumentReader key={document.data.id} doc={document.data} idOrSlug={idOrSlug} />;
}

function DocumentReader({ doc, idOrSlug }: { doc: DocumentView; idOrSlug: string }) {
  const user = useCurrentUser();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const sections = useMemo(() => withFootnotes(doc.sections), [doc.sections]);
  const topLevel = useMemo(() => topHeadingLevel(doc.sections), [doc.sections]);
  const chaptered = isChaptered(doc.kind, doc.sections);
  const showAll = searchParams.get('chapters') === 'all';
  const chapters = useMemo(() => (chaptered ? chaptersOf(sections) : []), [chaptered, sections]);

  // The hash names a section, or a footnote inside one ("<section>--fn1").
  const hash = hashAnchor(location.hash);
  const anchors = useMemo(() => new Set(sections.map((s) => s.anchor)), [sections]);
  const hashSection = hash ? (anchors.has(hash) ? hash : (hash.split('--')[0] ?? null)) : null;
  const hashKnown = !hash || (hashSection !== null && anchors.has(hashSection));
  const openChapter = chaptered
    ? (chapters.find((c) => c.sections.some((s) => s.anchor === hashSection)) ?? chapters[0])
    : undefined;
  const visible: ReadableSection[] = openChapter && !showAll ? openChapter.sections : sections;

  const bookmarkList = useBookmarks({ documentId: doc.id });
  const bookmarks = useMemo(() => {
    const map = new Map<string, Bookmark>();
    for (const b of bookmarkList.data?.items ?? []) map.set(b.sectionAnchor ?? '', b);
    return map;
  }, [bookmarkList.data]);
  const updated = (bookmarkList.data?.items ?? []).filter((b) => b.updatedSinceSaved);
  const markSeen = useUpdateBookmark();

  const [dialog, setDialog] = useState<BookmarkTarget | null>(null);
  const [status, setStatus] = useState('');
  // On a phone the contents are a drawer, so the text starts right under the title.
  const narrow = useMediaQuery(ONE_COLUMN);
  const [contentsOpen, setContentsOpen] = useState(false);
  const current = useCurrentSection(visible, hashSection);

  // Scroll to the section named in the address (on load, from the contents, from a bookmark),
  // and move the focus there once per navigation.
  const focusedFor = useRef<string>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: location.key re-runs it for a repeated click; bookmarks once loaded
  useEffect(() => {
    if (!hash) return;
    const target =
      window.document.getElementById(hash) ?? (hashSection ? window.document.getElementById(hashSection) : null);
    if (!target) return;
    // A re-run after the user has moved on (tabbed to the bookmark button) leaves the focus and
    // the scroll where the user put them: taking the focus back would lose their place.
    const active = window.document.activeElement;
    if (focusedFor.current === location.key && active && active !== window.document.body && active !== target) return;
    target.scrollIntoView({ block: 'start' });
    if (target.tabIndex === -1) target.focus({ preventScroll: true });
    focusedFor.current = location.key;
    // Once more when the user's bookmarks arrive: their notes above the target move it down.
  }, [hash, hashSection, location.key, openChapter?.anchor, showAll, bookmarkList.isFetched]);

  const copyLink = useCallback(
    async (anchor: string | null, heading: string) => {
      const url = `${window.location.origin}/documents/${doc.slug}${anchor ? `#${anchor}` : ''}`;
      const ok = await copyText(url);
      setStatus(ok ? `Link to ${anchor ? `“${heading}”` : 'this document'} copied.` : `Copy this link: ${url}`);
    },
    [doc.slug],
  );
  const openBookmark = useCallback(
    (anchor: string, heading: string) =>
      setDialog({ documentId: doc.id, documentTitle: doc.title, sectionAnchor: anchor, sectionHeading: heading }),
    [doc.id, doc.title],
  );

  const outline = chaptered ? (
    <ChapterOutline chapters={chapters} open={openChapter} current={current} bookmarks={bookmarks} showAll={showAll} />
  ) : (
    <TableOfContents sections={doc.sections} current={current} bookmarks={bookmarks} />
  );

  const wholeBookmark = bookmarks.get('');
  const printedUrl = `${window.location.origin}/documents/${doc.slug}`;

  return (
    <div className={`page ${styles.docPage}`}>
      <p className={`${styles.docBack} ${styles.noPrint}`}>
        <Link to="/">← Search</Link>
      </p>
      <SupersededBanner doc={doc} />
      <OwnStatusNotice status={doc.authorityStatus} what={kindLabel(doc.kind).toLowerCase()} />
      <ReviewNotice reasons={doc.reviewReasons} />
      <p className={`${styles.printOnly} ${styles.printMeta}`} data-testid="print-meta">
        {printedUrl} · printed {formatDate(new Date().toISOString())} · revision {doc.revisionNumber}
        {doc.publishedAt ? ` of ${formatDate(doc.publishedAt)}` : ''} · Advisory KB
      </p>
      <div className={styles.docLayout}>
        <div className={styles.docHead}>
          <DocumentHeader doc={doc} />
          <ChangeNotice documentId={doc.id} />

          <div className={`${styles.docToolbar} ${styles.noPrint}`}>
            <button
              type="button"
              className={wholeBookmark ? `button ${styles.isSaved}` : 'button'}
              aria-pressed={Boolean(wholeBookmark)}
              onClick={() =>
                setDialog({ documentId: doc.id, documentTitle: doc.title, sectionAnchor: null, sectionHeading: null })
              }
            >
              <span aria-hidden="true">{wholeBookmark ? '★' : '☆'}</span>{' '}
              {wholeBookmark ? 'Bookmarked' : 'Bookmark document'}
            </button>
            <FollowButton kind="document" target={doc.id} label={`this document: ${doc.title}`} />
            <button type="button" className="button" onClick={() => void copyLink(null, doc.title)}>
              Copy link
            </button>
            <button type="button" className="button" onClick={() => window.print()}>
              Print
            </button>
            {mayEdit(user, doc) ? (
              <Link to={`/editor/${doc.id}`} className="button" data-testid="edit-document">
                Edit
              </Link>
            ) : null}
            {bookmarks.size > 0 ? (
              <Link to="/library" className={styles.docToolbarLibrary}>
                {bookmarks.size} {bookmarks.size === 1 ? 'bookmark' : 'bookmarks'} in My library
              </Link>
            ) : null}
            <span className={styles.docStatus} role="status" aria-live="polite">
              {status}
            </span>
          </div>

          {updated.length > 0 ? (
            <div
              className={`alert alert-info ${styles.docUpdated} ${styles.noPrint}`}
              role="note"
              data-testid="updated-since-saved"
            >
              <p>
                <strong>Updated since you saved it.</strong> You bookmarked this on {formatDate(updated[0]?.createdAt)}.
                Revision {doc.revisionNumber} was posted {doc.publishedAt ? formatDate(doc.publishedAt) : 'since then'}.{' '}
                <Link
                  to={changesUrl(doc.slug, {
                    from: updated[0]?.savedRevision?.id,
                    since: updated[0]?.createdAt,
                    anchor: updated[0]?.sectionMissing ? null : updated[0]?.sectionAnchor,
                  })}
                >
                  What changed since you saved it
                </Link>
              </p>
              <button
                type="button"
                className="button small"
                disabled={markSeen.isPending}
                onClick={() => {
                  for (const b of updated) markSeen.mutate({ id: b.id, markSeen: true });
                }}
              >
                Mark as read
              </button>
            </div>
          ) : null}

          {!hashKnown ? (
            <div className={`alert alert-info ${styles.noPrint}`} role="note">
              The section <code>{hash}</code> is not in the current version of this document — it may have been renamed
              or removed since the link or bookmark was made. Showing the document from the start.
            </div>
          ) : null}
        </div>
        <aside className={`${styles.docSidebar} ${styles.noPrint}`} aria-label="Contents">
          {narrow ? (
            <>
              <button
                type="button"
                className={`button wide ${styles.contentsButton}`}
                aria-haspopup="dialog"
                onClick={() => setContentsOpen(true)}
              >
                Contents{openChapter && !showAll ? ` · ${chapterPosition(openChapter, chapters)}` : ''}
              </button>
              {contentsOpen ? (
                <Drawer title="Contents" onClose={() => setContentsOpen(false)}>
                  {/* Choosing a place to read closes the drawer. */}
                  <div onClickCapture={(event) => (event.target as Element).closest('a') && setContentsOpen(false)}>
                    {outline}
                  </div>
                </Drawer>
              ) : null}
            </>
          ) : (
            outline
          )}
        </aside>
        <div className={styles.docMain}>
          {openChapter && !showAll ? (
            <p className={`${styles.chapterPosition} ${styles.noPrint}`} data-testid="chapter-position">
              {chapterPosition(openChapter, chapters)}
            </p>
          ) : null}
          <article className={styles.docBody} aria-label="Document text">
            {visible.map((section) => (
              <SectionView
                key={section.anchor}
                section={section}
                topLevel={topLevel}
                bookmark={bookmarks.get(section.anchor)}
                onCopyLink={(anchor, heading) => void copyLink(anchor, heading)}
                onBookmark={openBookmark}
              />
            ))}
          </article>
          {openChapter && !showAll ? <ChapterPager chapters={chapters} open={openChapter} /> : null}
          <DocumentContext idOrSlug={idOrSlug} doc={doc} />
          {isPrimarySource(doc.kind) && hasRole(user, 'editor') ? (
            <div className={styles.noPrint}>
              <MarkStatusForm target={{ documentId: doc.id }} current={doc.authorityStatus} name={doc.title} />
            </div>
          ) : null}
        </div>
      </div>

      {dialog ? (
        <BookmarkDialog
          target={dialog}
          existing={bookmarks.get(dialog.sectionAnchor ?? '')}
          onClose={(saved) => {
            setDialog(null);
            if (saved) setStatus(`Saved to My library${saved.note ? ' with your note' : ''}.`);
            else if (saved === null) setStatus('Bookmark removed.');
          }}
        />
      ) : null}
    </div>
  );
}

/** The section being read: the last heading scrolled past (for the contents' highlight). */
function useCurrentSection(sections: ReadableSection[], initial: string | null): string | null {
  const [current, setCurrent] = useState<string | null>(initial);
  useEffect(() => {
    let frame = 0;
    const update = () => {
      frame = 0;
      let found: string | null = null;
      for (const section of sections) {
        const element = window.document.getElementById(section.anchor);
        if (!element) continue;
        if (element.getBoundingClientRect().top > 120) break;
        found = section.anchor;
      }
      setCurrent(found ?? sections.find((s) => s.level > 0)?.anchor ?? null);
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    update();
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      window.removeEventListener('scroll', onScroll);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [sections]);
  return current;
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API (plain HTTP on a LAN): the status line shows the link to copy by hand.
    return false;
  }
}
