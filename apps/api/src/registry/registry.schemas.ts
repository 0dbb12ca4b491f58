import { z } from 'zod';
import { ZModelAliasName, ZModelVersionNumber, ZRegisteredModelName } from '@atelier/domain';

// Route-level shapes of the registry routes: path parameters.

export const ZNameParams = z.object({ name: ZRegisteredModelName });
export type TNameParams = z.output<typeof ZNameParams>;

export const ZAliasParams = z.object({ name: ZRegisteredModelName, alias: ZModelAliasName });
export type TAliasParams = z.output<typeof ZAliasParams>;

export const ZVersionParams = z.object({ name: ZRegisteredModelName, version: ZModelVersionNumber });
export type TVersionParams = z.output<typeof ZVersionParams>;
