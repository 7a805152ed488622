import { NavLink } from 'react-router';
import './admin.css';

/** The sections of the admin area, shown at the top of each admin page. */
export function AdminNav() {
  return (
    <nav className="admin-nav" aria-label="Administration">
      <NavLink to="/admin/users">Users</NavLink>
      <NavLink to="/admin/audit">Audit log</NavLink>
      <NavLink to="/admin/vocabulary">Vocabulary</NavLink>
    </nav>
  );
}
