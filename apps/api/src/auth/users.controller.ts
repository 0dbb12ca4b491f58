import { Controller, Get, Patch, Post } from '@nestjs/common';
import { z } from 'zod';
import {
  type TCreateUserRequest,
  type TUpdateUserRequest,
  type TUserAccount,
  ZApiError,
  ZCreateUserRequest,
  ZId,
  ZUpdateUserRequest,
  ZUserAccount,
} from '@atelier/domain';
import { Contract, ValidBody, ValidParams } from '../common/contract';
import { Access, Caller } from './access.decorator';
import type { Principal } from './principal';
import { UsersService } from './users.service';

@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** GET /users: every user (instance admins). */
  @Get()
  @Access('admin')
  @Contract({ summary: 'List users', tags: ['users'], responses: { 200: { description: 'Every user', schema: z.array(ZUserAccount) } } })
  list(): Promise<TUserAccount[]> {
    return this.users.list();
  }

  /** POST /users: a new user with a password the admin hands over (instance admins). */
  @Post()
  @Access('admin')
  @Contract({
    summary: 'Create a user',
    tags: ['users'],
    body: ZCreateUserRequest,
    responses: { 201: { description: 'The user', schema: ZUserAccount }, 409: { description: 'The email is taken', schema: ZApiError } },
  })
  create(@ValidBody() body: TCreateUserRequest): Promise<TUserAccount> {
    return this.users.create(body);
  }

  /** PATCH /users/:id: disable (ends their sessions) or enable a user, grant or drop admin (instance admins). */
  @Patch(':id')
  @Access('admin')
  @Contract({
    summary: 'Update a user',
    tags: ['users'],
    params: z.object({ id: ZId }),
    body: ZUpdateUserRequest,
    responses: {
      200: { description: 'The user', schema: ZUserAccount },
      409: { description: 'Disabling or demoting yourself', schema: ZApiError },
    },
  })
  update(
    @Caller() principal: Principal,
    @ValidParams() params: { id: string },
    @ValidBody() body: TUpdateUserRequest,
  ): Promise<TUserAccount> {
    return this.users.update(principal, params.id, body);
  }
}
