import { NavLink } from 'react-router';
import styles from './admin.module.css';

/** The sections of the admin area, shown at the top of each admin page. */
export function AdminNav() {
  return (
    <nav className={styles.adminNav} aria-label="Administration">
      <NavLink to="/admin/users">Users</NavLink>
      <NavLink to="/admin/audit">Audit log</NavLink>
      <NavLink to="/admin/vocabulary">Vocabulary</NavLink>
      <NavLink to="/admin/search-analytics">Search analytics</NavLink>
    </nav>
  );
}
