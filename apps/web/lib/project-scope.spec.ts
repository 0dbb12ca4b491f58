import { inProject, projectOfSearchParams, projectPath } from './project-scope';

describe('project scope', () => {
  it("reads the URL's project when it is a slug, and nothing otherwise", () => {
    expect(projectOfSearchParams({ project: 'vision' })).toBe('vision');
    expect(projectOfSearchParams({ project: [' vision ', 'audio'] })).toBe('vision');
    for (const project of [undefined, '', '  ', 'Vision', 'a b', '-x', 'x'.repeat(65)])
      expect(projectOfSearchParams({ project })).toBeNull();
  });

  it('adds the project to a query or a body, and leaves it out for none', () => {
    expect(inProject({ limit: 5 }, 'vision')).toEqual({ limit: 5, project: 'vision' });
    expect(inProject({ limit: 5 }, null)).toEqual({ limit: 5 });
    expect(inProject({}, null)).not.toHaveProperty('project');
  });

  it('links to another page of the project', () => {
    expect(projectPath('/experiments/new', 'vision')).toBe('/experiments/new?project=vision');
    expect(projectPath('/datasets/import', null)).toBe('/datasets/import');
  });
});
