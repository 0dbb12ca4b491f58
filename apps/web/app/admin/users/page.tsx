// GET /admin/users → the instance's accounts (instance admins only; the API refuses anyone else).
import type { Metadata } from 'next';
import { UsersView } from '@/components/admin/users-view';

export const metadata: Metadata = { title: 'Users' };

export default function UsersPage() {
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Users</h1>
          <p>Accounts of this Atelier. A new account sees nothing until a project owner invites it.</p>
        </div>
      </div>
      <UsersView />
    </>
  );
}
