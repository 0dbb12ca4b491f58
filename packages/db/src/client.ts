import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';

// Apps import Prisma's types from here only, so the generated folder stays an implementation
// detail of this package (its location is set by the generator in prisma/schema.prisma).
export * from './generated/prisma/client';

export type CreatePrismaClientOptions = {
  /** Maximum connections in the pg pool behind the adapter (pg's default is 10). */
  maxConnections?: number;
};

/**
 * A Prisma client that talks to Postgres through node-postgres (Prisma 7 driver adapter):
 * no query-engine binary is loaded, so it runs wherever `pg` runs.
 */
export function createPrismaClient(databaseUrl: string, options: CreatePrismaClientOptions = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.maxConnections });
  return new PrismaClient({ adapter });
}
