// GET /projects → the user's projects with their role, and a form to create one (the creator owns it).
import type { Metadata } from 'next';
import { ProjectsView } from '@/components/projects/projects-view';

export const metadata: Metadata = { title: 'Projects' };

export default function ProjectsPage() {
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Projects</h1>
          <p>Every dataset, architecture, experiment, run and model belongs to one project; its members see it, with their role.</p>
        </div>
      </div>
      <ProjectsView />
    </>
  );
}
