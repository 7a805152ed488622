import { PRACTICE_LABELS, PRACTICES, type Practice } from '@kb/contracts';
import styles from './auth.module.css';

/** What a new account holder says about themselves, as typed. */
interface ProfileValues {
  name: string;
  organization: string;
  practice: Practice | '';
}

export const EMPTY_PROFILE: ProfileValues = { name: '', organization: '', practice: '' };

/** The values as the API takes them: trimmed, and null for the optional ones left empty. */
export const profilePayload = (profile: ProfileValues) => ({
  name: profile.name.trim(),
  organization: profile.organization.trim() || null,
  practice: profile.practice || null,
});

/** Name, organization and practice: the same fields for self-sign-up and for an invitee. */
export function ProfileFields({ value, onChange }: { value: ProfileValues; onChange: (next: ProfileValues) => void }) {
  return (
    <>
      <label className="field">
        <span>Your name</span>
        <input
          name="name"
          autoComplete="name"
          required
          maxLength={200}
          value={value.name}
          onChange={(e) => onChange({ ...value, name: e.target.value })}
        />
      </label>
      <div className={styles.fieldRow}>
        <label className="field">
          <span>Organization (optional)</span>
          <input
            name="organization"
            autoComplete="organization"
            maxLength={200}
            value={value.organization}
            onChange={(e) => onChange({ ...value, organization: e.target.value })}
          />
        </label>
        <label className="field">
          <span>Practice (optional)</span>
          <select
            value={value.practice}
            onChange={(e) => onChange({ ...value, practice: e.target.value as Practice | '' })}
          >
            <option value="">—</option>
            {PRACTICES.map((p) => (
              <option key={p} value={p}>
                {PRACTICE_LABELS[p]}
              </option>
            ))}
          </select>
        </label>
      </div>
    </>
  );
}
