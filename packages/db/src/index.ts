// The package's everyday API. Prisma's generated types come from `@atelier/db/client`, and test
// helpers from `@atelier/db/testing`, so importing this entry loads neither ioredis nor the client.
export { ensureDatabase, dropDatabase } from './create-database';
export { databaseNameOf, withDatabaseName, redactUrl } from './database-url';
export { migrate, getMigrationStatus, type MigrateOptions } from './migrate';
export { DEFAULT_MIGRATIONS_DIR, computeChecksum, readMigrationFiles, type MigrationFile } from './migration-files';
export {
  appendToOpenRuns,
  dropFoldPointsAfter,
  logMetricPoints,
  recomputeSummaries,
  RUN_WIDE_FOLD,
  type AppendedTo,
  type RunPoints,
  type MetricPointRow,
} from './metric-log';
export { progressHead, progressSince, publishProgress, type ProgressReplay } from './progress-stream';
export { MigrationStateError, type MigrationPlan } from './migration-plan';
export { NotASearchError, searchExperimentOf, type SearchExperiment, type SearchExperimentColumns } from './search-experiment';
export { EPOCH_METRIC_KEYS, epochCurvesOf, foldCurvePoints, type FoldPointRow } from './search-metrics';
