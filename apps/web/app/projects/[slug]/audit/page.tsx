// GET /projects/:slug/audit → every write in the project, newest first (owners only; the API refuses anyone else).
import type { Metadata } from 'next';
import Link from 'next/link';
import { AuditView } from '@/components/projects/audit-view';

export const metadata: Metadata = { title: 'Audit log' };

export default async function AuditPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return (
    <>
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link href="/projects">Projects</Link> / {slug}
      </nav>
      <div className="page-header">
        <div>
          <h1>Audit log of {slug}</h1>
          <p>Who wrote what and when, and from which token.</p>
        </div>
      </div>
      <AuditView slug={slug} />
    </>
  );
}
