// GET /projects/:slug/members → who is in the project with which role; owners invite, change roles and remove.
import type { Metadata } from 'next';
import Link from 'next/link';
import { MembersView, ROLE_DESCRIPTIONS } from '@/components/projects/members-view';
import { PROJECT_ROLES } from '@/lib/auth-schemas';

export const metadata: Metadata = { title: 'Members' };

export default async function MembersPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return (
    <>
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link href="/projects">Projects</Link> / {slug}
      </nav>
      <div className="page-header">
        <div>
          <h1>Members of {slug}</h1>
          <p>{PROJECT_ROLES.map((role) => `${role}: ${ROLE_DESCRIPTIONS[role]}`).join(' · ')}</p>
        </div>
      </div>
      <MembersView slug={slug} />
    </>
  );
}
