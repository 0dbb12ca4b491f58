import { Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { z } from 'zod';
import {
  type TApiToken,
  type TCreatedToken,
  type TCreateTokenRequest,
  ZApiError,
  ZApiToken,
  ZCreatedToken,
  ZCreateTokenRequest,
  ZId,
} from '@atelier/domain';
import { Contract, ValidBody, ValidParams } from '../common/contract';
import { Access, Caller } from './access.decorator';
import type { Principal } from './principal';
import { TokensService } from './tokens.service';

@Controller('tokens')
export class TokensController {
  constructor(private readonly tokens: TokensService) {}

  /** GET /tokens: the caller's tokens (never their values). */
  @Get()
  @Access('read')
  @Contract({
    summary: 'List my API tokens',
    tags: ['tokens'],
    responses: { 200: { description: 'My tokens', schema: z.array(ZApiToken) } },
  })
  list(@Caller() principal: Principal): Promise<TApiToken[]> {
    return this.tokens.list(principal);
  }

  /** POST /tokens: a new token; its value is in this answer only. */
  @Post()
  @Access('write')
  @Contract({
    summary: 'Create an API token',
    description: "Send it as Authorization: Bearer <token>. A read token can only GET; a write token has its owner's role in its project.",
    tags: ['tokens'],
    body: ZCreateTokenRequest,
    responses: {
      201: { description: 'The token, with its value (shown once)', schema: ZCreatedToken },
      403: { description: 'An instance-wide token needs an instance admin', schema: ZApiError },
      404: { description: 'No such project (or you are not a member)', schema: ZApiError },
    },
  })
  create(@Caller() principal: Principal, @ValidBody() body: TCreateTokenRequest): Promise<TCreatedToken> {
    return this.tokens.create(principal, body);
  }

  /** DELETE /tokens/:id: revokes one of my tokens at once. */
  @Delete(':id')
  @HttpCode(204)
  @Access('write')
  @Contract({
    summary: 'Revoke an API token',
    tags: ['tokens'],
    params: z.object({ id: ZId }),
    responses: { 204: { description: 'Revoked' }, 404: { description: 'No active token of yours has this id', schema: ZApiError } },
  })
  async revoke(@Caller() principal: Principal, @ValidParams() params: { id: string }): Promise<void> {
    await this.tokens.revoke(principal, params.id);
  }
}
