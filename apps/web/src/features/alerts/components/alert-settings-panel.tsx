import { ALERT_EMAIL_MODES, type AlertEmailMode } from '@kb/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ui/error-message';
import { useAlertSettings, useUpdateAlertSettings } from '../api/alert-settings';
import styles from './alerts.module.css';

const CHOICES: Record<AlertEmailMode, { label: string; hint: string }> = {
  immediate: { label: 'Immediately', hint: 'One e-mail per change, as it is published.' },
  daily: { label: 'Daily digest', hint: "One e-mail a day with the day's changes." },
  none: { label: 'No e-mail', hint: 'Only the bell in the app.' },
};

/** The account page's panel: how changes to what the user follows reach them by e-mail. */
export function AlertSettingsPanel({ className }: { className?: string }) {
  const settings = useAlertSettings();
  const update = useUpdateAlertSettings();
  // The choice shows at once, in the click's own render: the mutation's state reaches React a tick
  // later, and a controlled radio that stays unchecked for that tick is put back by React. A
  // failed save falls back to what the server holds.
  const [chosen, setChosen] = useState<AlertEmailMode>();
  const current = chosen ?? settings.data?.email;
  const choose = (email: AlertEmailMode) => {
    setChosen(email);
    update.mutate({ email }, { onError: () => setChosen(undefined) });
  };
  return (
    <section id="alerts" className={className} aria-labelledby="account-alerts">
      <h2 id="account-alerts">Alerts</h2>
      <p className="muted small">
        Changes to what you follow always reach your <Link to="/notifications">notifications</Link>. Manage what you
        follow in <Link to="/watches">My watches</Link>.
      </p>
      <fieldset className={styles.choices} disabled={settings.isPending}>
        <legend>E-mail me about changes</legend>
        {ALERT_EMAIL_MODES.map((email) => (
          <label key={email} className={styles.choice}>
            <input
              type="radio"
              name="alert-email"
              value={email}
              checked={current === email}
              onChange={() => choose(email)}
            />
            <span>
              {CHOICES[email].label}
              <span className={`muted small ${styles.choiceHint}`}>{CHOICES[email].hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div aria-live="polite">
        {update.isSuccess ? (
          <p className="small">Saved: {CHOICES[update.variables.email].label.toLowerCase()}.</p>
        ) : null}
      </div>
      {update.isError || settings.isError ? <ErrorMessage error={update.error ?? settings.error} /> : null}
    </section>
  );
}
