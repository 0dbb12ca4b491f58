import { databaseNameOf, quoteIdentifier, redactUrl, withDatabaseName } from './database-url';

describe('database URLs', () => {
  const url = 'postgresql://app:s3cret@db.local:5433/atelier?sslmode=disable';

  it('reads the database name', () => {
    expect(databaseNameOf(url)).toBe('atelier');
    expect(() => databaseNameOf('postgresql://app@db.local:5433')).toThrow(/names no database/);
  });

  it('swaps the database and keeps server, credentials and parameters', () => {
    expect(withDatabaseName(url, 'postgres')).toBe('postgresql://app:s3cret@db.local:5433/postgres?sslmode=disable');
  });

  it('hides the password', () => {
    expect(redactUrl(url)).toBe('postgresql://app:***@db.local:5433/atelier?sslmode=disable');
  });

  it('quotes identifiers, doubling embedded quotes', () => {
    expect(quoteIdentifier('a"b')).toBe('"a""b"');
  });
});
