import { Prisma } from '@atelier/db/client';
import { toApiError } from './api-error.filter';
import { databaseOutage } from './database-outage';

const known = (code: string, cause?: object) =>
  new Prisma.PrismaClientKnownRequestError('Invalid `prisma.run.findUnique()` invocation', {
    code,
    clientVersion: '7.10.1',
    meta: cause ? { modelName: 'Run', driverAdapterError: { name: 'DriverAdapterError', cause } } : undefined,
  });

describe('databaseOutage', () => {
  it('recognises an unreachable, refusing or vanished PostgreSQL behind the pg driver adapter', () => {
    expect(databaseOutage(known('P1001'))).toBe('P1001');
    expect(databaseOutage(known('P2010', { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 5432 }))).toBe('DatabaseNotReachable');
    expect(databaseOutage(known('P2010', { kind: 'ConnectionClosed' }))).toBe('ConnectionClosed');
    // what PostgreSQL answers a database that is not accepting connections
    expect(
      databaseOutage(
        known('P2039', {
          kind: 'postgres',
          code: '55000',
          severity: 'FATAL',
          message: 'database "x" is not currently accepting connections',
        }),
      ),
    ).toBe('PostgreSQL error 55000');
    expect(databaseOutage(known('P2039', { kind: 'postgres', code: '57P01', severity: 'ERROR' }))).toBe('PostgreSQL error 57P01');
  });

  it('leaves errors of the request itself alone', () => {
    expect(databaseOutage(known('P2002', { kind: 'UniqueConstraintViolation', constraint: { fields: ['name'] } }))).toBeNull();
    expect(databaseOutage(known('P2039', { kind: 'postgres', code: '22P02', severity: 'ERROR' }))).toBeNull();
    expect(databaseOutage(new Error('ECONNREFUSED'))).toBeNull();
    expect(databaseOutage(undefined)).toBeNull();
  });

  it('turns an outage into a 503 saying what to do', () => {
    expect(toApiError(known('P2010', { kind: 'DatabaseNotReachable' }))).toEqual({
      statusCode: 503,
      error: 'service_unavailable',
      message: 'The database (PostgreSQL) is unavailable (DatabaseNotReachable). Try again once it is back: GET /health reports it.',
    });
  });
});
