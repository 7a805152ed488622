import type { DocumentContent, EditorRevision } from '@kb/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from '../../../components/ui/error-message';
import { ApiError } from '../../../lib/api-client';
import { documentKeys } from '../../documents';
import { editorKeys } from '../api/keys';
import { createDocument, saveDraft } from '../api/save-draft';
import { emptyContent, sameContent } from '../text-merge';

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'error' | 'conflict';

export interface Conflict {
  /** The revision that was saved first, by someone else (or in another tab). */
  theirs: EditorRevision;
  /** What this editor has typed. */
  yours: DocumentContent;
  /** The revision both started from, when known: lets the merge take one-sided changes. */
  base: DocumentContent | null;
  /** Its id, to fetch it when only the id is known (edits restored from this browser). */
  baseRevisionId: string | null;
}

/** The local copy of unsaved edits, kept in this browser until the server has them. */
interface Backup {
  baseRevisionId: string | null;
  content: DocumentContent;
  at: string;
}

const AUTOSAVE_DELAY_MS = 1_200;
const RETRY_DELAY_MS = 5_000;
const backupKey = (documentId: string | null) => `kb.editor.draft.${documentId ?? 'new'}`;

function readBackup(documentId: string | null): Backup | null {
  try {
    const raw = localStorage.getItem(backupKey(documentId));
    return raw ? (JSON.parse(raw) as Backup) : null;
  } catch {
    return null;
  }
}

function writeBackup(documentId: string | null, backup: Backup | null): boolean {
  try {
    if (backup) localStorage.setItem(backupKey(documentId), JSON.stringify(backup));
    else localStorage.removeItem(backupKey(documentId));
    return true;
  } catch {
    return false; // storage full or disabled: the edits are still in memory
  }
}

interface DraftSessionOptions {
  documentId: string | null;
  /** The latest revision when the editor opened (null for a new document). */
  head: EditorRevision | null;
  /** Saving is refused by the server (e.g. archived): edits stay local. */
  readOnly: boolean;
  onCreated?: (id: string) => void;
}

/**
 * The editor's working copy: edits live in memory and in localStorage until the server has
 * them; saves are debounced and carry the revision they are based on; a 409 turns into a
 * conflict holding both versions, and nothing is saved over anyone until the editor decides.
 */
export function useDraftSession({ documentId: initialId, head, readOnly, onCreated }: DraftSessionOptions) {
  const queryClient = useQueryClient();
  const [initial] = useState(() => startingPoint(initialId, head));
  const [content, setContentState] = useState<DocumentContent>(initial.content);
  const [saveState, setSaveState] = useState<SaveState>(
    initial.conflict ? 'conflict' : initial.dirty ? 'unsaved' : 'saved',
  );
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(initial.conflict);
  const [backupFailed, setBackupFailed] = useState(false);
  const [savedAt, setSavedAt] = useState<Date | null>(null);

  const documentIdRef = useRef(initialId);
  const baseRef = useRef<string | null>(head?.id ?? null);
  const savedRef = useRef<DocumentContent | null>(head?.content ?? null);
  const contentRef = useRef(content);
  const conflictRef = useRef(conflict);
  const inFlight = useRef<Promise<string | null> | null>(null);
  /** A change note for the next save (e.g. how a conflict was settled). */
  const noteRef = useRef<string | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const onCreatedRef = useRef(onCreated);
  onCreatedRef.current = onCreated;
  conflictRef.current = conflict;

  const isDirty = useCallback(() => !savedRef.current || !sameContent(savedRef.current, contentRef.current), []);

  const saveNow = useCallback(async (): Promise<string | null> => {
    clearTimeout(timer.current);
    if (inFlight.current) await inFlight.current;
    if (conflictRef.current || readOnly) return null;
    if (!isDirty()) return baseRef.current;
    const snapshot = contentRef.current;
    // A new document is created on its first save, once it has a title.
    if (!documentIdRef.current && !snapshot.title.trim()) return null;
    setSaveState('saving');
    const attempt = (async () => {
      try {
        let revisionId: string;
        if (!documentIdRef.current) {
          const created = await createDocument(snapshot);
          documentIdRef.current = created.id;
          revisionId = created.revisionId;
          writeBackup(null, null);
          onCreatedRef.current?.(created.id);
        } else {
          revisionId = (await saveDraft(documentIdRef.current, baseRef.current ?? '', snapshot, noteRef.current))
            .revisionId;
          noteRef.current = undefined;
        }
        baseRef.current = revisionId;
        savedRef.current = snapshot;
        setSavedAt(new Date());
        setError(null);
        const id = documentIdRef.current;
        if (sameContent(snapshot, contentRef.current)) {
          writeBackup(id, null);
          setSaveState('saved');
        } else {
          setSaveState('unsaved');
        }
        void queryClient.invalidateQueries({ queryKey: editorKeys.document(id) });
        void queryClient.invalidateQueries({ queryKey: editorKeys.revisions(id) });
        void queryClient.invalidateQueries({ queryKey: documentKeys.all });
        return revisionId;
      } catch (err) {
        const current = (err as ApiError).details as { current?: EditorRevision } | undefined;
        if (err instanceof ApiError && err.status === 409 && current?.current) {
          const found: Conflict = {
            theirs: current.current,
            yours: contentRef.current,
            base: savedRef.current,
            baseRevisionId: baseRef.current,
          };
          conflictRef.current = found;
          setConflict(found);
          setSaveState('conflict');
          setError(err.message);
        } else {
          setSaveState('error');
          setError(errorText(err));
          // The server or the network may be back shortly; validation errors wait for an edit.
          if (!(err instanceof ApiError) || err.status >= 500 || err.status === 0) {
            timer.current = setTimeout(() => void saveNow(), RETRY_DELAY_MS);
          }
        }
        return null;
      }
    })();
    inFlight.current = attempt;
    try {
      return await attempt;
    } finally {
      inFlight.current = null;
    }
  }, [queryClient, readOnly, isDirty]);

  const setContent = useCallback(
    (next: DocumentContent) => {
      contentRef.current = next;
      setContentState(next);
      const ok = writeBackup(documentIdRef.current, {
        baseRevisionId: baseRef.current,
        content: next,
        at: new Date().toISOString(),
      });
      setBackupFailed(!ok);
      if (conflictRef.current) return;
      setSaveState('unsaved');
      clearTimeout(timer.current);
      if (!readOnly) timer.current = setTimeout(() => void saveNow(), AUTOSAVE_DELAY_MS);
    },
    [readOnly, saveNow],
  );

  const update = useCallback(
    <K extends keyof DocumentContent>(field: K, value: DocumentContent[K]) => {
      setContent({ ...contentRef.current, [field]: value });
    },
    [setContent],
  );

  /** Saves the settled version on top of their revision (409 again → a new conflict). */
  const resolveConflict = useCallback(
    async (resolved: DocumentContent, note?: string) => {
      const found = conflictRef.current;
      if (!found) return;
      baseRef.current = found.theirs.id;
      savedRef.current = found.theirs.content;
      conflictRef.current = null;
      setConflict(null);
      contentRef.current = resolved;
      setContentState(resolved);
      writeBackup(documentIdRef.current, {
        baseRevisionId: found.theirs.id,
        content: resolved,
        at: new Date().toISOString(),
      });
      if (sameContent(resolved, found.theirs.content)) {
        writeBackup(documentIdRef.current, null);
        setSaveState('saved');
        setError(null);
        return;
      }
      setSaveState('unsaved');
      noteRef.current = note;
      await saveNow();
    },
    [saveNow],
  );

  // Unsaved work: a save attempt when the page is hidden, and the browser's warning on leaving.
  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden' && isDirty() && !conflictRef.current) void saveNow();
    };
    const onLeave = (event: BeforeUnloadEvent) => {
      if (isDirty() || conflictRef.current) event.preventDefault();
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('beforeunload', onLeave);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('beforeunload', onLeave);
      // Leaving the page within the autosave delay: save now rather than wait for next time.
      clearTimeout(timer.current);
      if (isDirty() && !conflictRef.current) void saveNow();
    };
  }, [saveNow, isDirty]);

  // Edits restored from this browser are saved as soon as the editor opens.
  const restoredSaveScheduled = useRef(false);
  useEffect(() => {
    if (restoredSaveScheduled.current || !initial.dirty || initial.conflict || readOnly) return;
    restoredSaveScheduled.current = true;
    timer.current = setTimeout(() => void saveNow(), 300);
  }, [initial, readOnly, saveNow]);

  return {
    content,
    update,
    setContent,
    saveState,
    error,
    conflict,
    resolveConflict,
    saveNow,
    savedAt,
    backupFailed,
    restoredFromBrowser: initial.restored,
    baseRevisionId: () => baseRef.current,
    documentId: () => documentIdRef.current,
  };
}

/** What the editor opens with: the server's latest revision, or this browser's unsaved edits. */
function startingPoint(documentId: string | null, head: EditorRevision | null) {
  const backup = readBackup(documentId);
  const none = {
    content: head?.content ?? backup?.content ?? emptyContent(),
    dirty: false,
    restored: false,
    conflict: null,
  };
  if (!head) {
    return backup ? { content: backup.content, dirty: true, restored: true, conflict: null } : none;
  }
  if (!backup || sameContent(backup.content, head.content)) {
    writeBackup(documentId, null);
    return { ...none, content: head.content };
  }
  if (backup.baseRevisionId === head.id) {
    return { content: backup.content, dirty: true, restored: true, conflict: null };
  }
  // Unsaved edits from an older revision, and someone saved since: both versions, to settle.
  return {
    content: backup.content,
    dirty: true,
    restored: true,
    conflict: {
      theirs: head,
      yours: backup.content,
      base: null,
      baseRevisionId: backup.baseRevisionId,
    } satisfies Conflict,
  };
}
