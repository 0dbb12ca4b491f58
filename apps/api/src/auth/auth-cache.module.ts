import { Module } from '@nestjs/common';
import { AuthCache } from './auth-cache';

/** One AuthCache per process, shared by the auth module's readers and the repositories that write access. */
@Module({ providers: [AuthCache], exports: [AuthCache] })
export class AuthCacheModule {}
