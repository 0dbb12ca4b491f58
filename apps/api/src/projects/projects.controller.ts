import { Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { z } from 'zod';
import {
  type TMember,
  type TProject,
  ZAddMemberRequest,
  ZApiError,
  ZAuditPage,
  ZAuditQuery,
  ZCreateProjectRequest,
  ZMember,
  ZMemberParams,
  ZProject,
  ZProjectParams,
  ZUpdateMemberRequest,
  ZUpdateProjectRequest,
} from '@atelier/domain';
import { Contract, ValidBody, ValidParams, ValidQuery } from '../common/contract';
import { Access, Caller, InProject } from '../auth/access.decorator';
import type { Principal, ProjectScope } from '../auth/principal';
import { ProjectsService } from './projects.service';

const LAST_OWNER = { description: 'The project would have no owner left', schema: ZApiError };
const IN_PROJECT = { project: 'param' } as const;

@Controller('projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  /** GET /projects: my projects with my role (an instance admin: every project). */
  @Get()
  @Access('read')
  @Contract({ summary: 'List my projects', tags: ['projects'], responses: { 200: { description: 'Projects', schema: z.array(ZProject) } } })
  list(@Caller() principal: Principal): Promise<TProject[]> {
    return this.projects.list(principal);
  }

  /** POST /projects: any signed-in user creates one and becomes its owner. */
  @Post()
  @Access('write')
  @Contract({
    summary: 'Create a project',
    tags: ['projects'],
    body: ZCreateProjectRequest,
    responses: {
      201: { description: 'The project (you own it)', schema: ZProject },
      409: { description: 'The slug is taken', schema: ZApiError },
    },
  })
  create(@Caller() principal: Principal, @ValidBody() body: z.output<typeof ZCreateProjectRequest>): Promise<TProject> {
    return this.projects.create(principal, body.slug, body.name);
  }

  /** GET /projects/:slug: one project and my role there. */
  @Get(':slug')
  @Access('read', IN_PROJECT)
  @Contract({
    summary: 'Get a project',
    tags: ['projects'],
    params: ZProjectParams,
    responses: { 200: { description: 'The project', schema: ZProject } },
  })
  get(@InProject() project: ProjectScope): Promise<TProject> {
    return this.projects.get(project);
  }

  /** PATCH /projects/:slug: renames it (owners). */
  @Patch(':slug')
  @Access('owner', IN_PROJECT)
  @Contract({
    summary: 'Rename a project',
    tags: ['projects'],
    params: ZProjectParams,
    body: ZUpdateProjectRequest,
    responses: { 200: { description: 'The project', schema: ZProject } },
  })
  rename(@InProject() project: ProjectScope, @ValidBody() body: { name: string }): Promise<TProject> {
    return this.projects.rename(project, body.name);
  }

  /** DELETE /projects/:slug: an empty project (owners). */
  @Delete(':slug')
  @HttpCode(204)
  @Access('owner', IN_PROJECT)
  @Contract({
    summary: 'Delete an empty project',
    tags: ['projects'],
    params: ZProjectParams,
    responses: {
      204: { description: 'Deleted' },
      409: { description: 'It still holds experiments, datasets, architectures or models', schema: ZApiError },
    },
  })
  async delete(@InProject() project: ProjectScope): Promise<void> {
    await this.projects.delete(project);
  }

  /** GET /projects/:slug/members: who is in it, with which role. */
  @Get(':slug/members')
  @Access('read', IN_PROJECT)
  @Contract({
    summary: 'List members',
    tags: ['projects'],
    params: ZProjectParams,
    responses: { 200: { description: 'Members', schema: z.array(ZMember) } },
  })
  members(@InProject() project: ProjectScope): Promise<TMember[]> {
    return this.projects.members(project);
  }

  /** POST /projects/:slug/members: gives an existing user a role (owners). */
  @Post(':slug/members')
  @Access('owner', IN_PROJECT)
  @Contract({
    summary: 'Add a member',
    tags: ['projects'],
    params: ZProjectParams,
    body: ZAddMemberRequest,
    responses: {
      201: { description: 'The membership', schema: ZMember },
      404: { description: 'No user has this email', schema: ZApiError },
      409: LAST_OWNER,
    },
  })
  addMember(@InProject() project: ProjectScope, @ValidBody() body: z.output<typeof ZAddMemberRequest>): Promise<TMember> {
    return this.projects.addMember(project, body.email, body.role);
  }

  /** PATCH /projects/:slug/members/:userId: changes a member's role (owners); the last owner stays. */
  @Patch(':slug/members/:userId')
  @Access('owner', IN_PROJECT)
  @Contract({
    summary: "Change a member's role",
    tags: ['projects'],
    params: ZMemberParams,
    body: ZUpdateMemberRequest,
    responses: { 200: { description: 'The membership', schema: ZMember }, 409: LAST_OWNER },
  })
  updateMember(
    @InProject() project: ProjectScope,
    @ValidParams() params: z.output<typeof ZMemberParams>,
    @ValidBody() body: z.output<typeof ZUpdateMemberRequest>,
  ): Promise<TMember> {
    return this.projects.updateMember(project, params.userId, body.role);
  }

  /** DELETE /projects/:slug/members/:userId: removes a member (owners), or leaves (any member, for themselves). */
  @Delete(':slug/members/:userId')
  @HttpCode(204)
  @Access('read', IN_PROJECT)
  @Contract({
    summary: 'Remove a member, or leave',
    description: 'Owners remove anyone; every member may remove themselves (leave). The last owner cannot leave.',
    tags: ['projects'],
    params: ZMemberParams,
    responses: {
      204: { description: 'Removed' },
      403: { description: 'Removing someone else needs the owner role', schema: ZApiError },
      409: LAST_OWNER,
    },
  })
  async removeMember(
    @Caller() principal: Principal,
    @InProject() project: ProjectScope,
    @ValidParams() params: z.output<typeof ZMemberParams>,
  ): Promise<void> {
    await this.projects.removeMember(principal, project, params.userId);
  }

  /** GET /projects/:slug/audit: every write in the project, newest first, a page at a time (owners). */
  @Get(':slug/audit')
  @Access('owner', IN_PROJECT)
  @Contract({
    summary: 'Read the audit log',
    tags: ['projects'],
    params: ZProjectParams,
    query: ZAuditQuery,
    responses: { 200: { description: 'One page of events', schema: ZAuditPage } },
  })
  audit(@InProject() project: ProjectScope, @ValidQuery() query: z.output<typeof ZAuditQuery>) {
    return this.projects.audit(project, query.limit, query.cursor);
  }
}
