import type { DocumentStatus } from '@kb/contracts';
import type { SaveState } from '../hooks/use-draft-session';
import styles from './editor.module.css';

// A scoped class name is fixed at build time, so a value picks its class from a table.

export const STATUS_CLASS: Record<DocumentStatus, string | undefined> = {
  draft: styles.statusDraft,
  in_review: styles.statusInReview,
  published: styles.statusPublished,
  archived: styles.statusArchived,
};

export const DIFF_LINE_CLASS: Record<'same' | 'added' | 'removed', string | undefined> = {
  same: undefined,
  added: styles.diffAdded,
  removed: styles.diffRemoved,
};

export const SAVE_STATE_CLASS: Record<SaveState, string | undefined> = {
  saved: undefined,
  unsaved: styles.saveUnsaved,
  saving: styles.saveSaving,
  error: styles.saveError,
  conflict: styles.saveConflict,
};

export const MODE_CLASS: Record<'split' | 'write' | 'preview', string | undefined> = {
  split: styles.mdModeSplit,
  write: styles.mdModeWrite,
  preview: styles.mdModePreview,
};
