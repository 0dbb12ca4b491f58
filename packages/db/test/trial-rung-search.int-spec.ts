import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { migrate } from '../src/migrate';
import { createTestDatabase, type TestDatabase } from '../src/testing';

/**
 * Migration 20261209010100_add_trial_rung_search: the rung results a database already holds get
 * their trial's search and number (the overview's chart walks them by trial_rung_chart_idx), and
 * the trigger fills them for every row written after, whoever writes it.
 */
const BEFORE = '20261208040000_add_fold_timings';

describe('migration 20261209010100_add_trial_rung_search (PostgreSQL)', () => {
  let database: TestDatabase;
  let db: Client;
  const project = randomUUID();
  const searches = [randomUUID(), randomUUID()];
  const trials: string[] = Array.from({ length: 4 }, () => randomUUID());
  /** trial index → [search, number] */
  const owner = (i: number): [string, number] => [searches[i % 2]!, 10 + i];

  beforeAll(async () => {
    database = await createTestDatabase('atelier_db_trial_rung_search', { migrate: false });
    await migrate(database.url, { upTo: BEFORE });
    db = new Client({ connectionString: database.url });
    await db.connect();
    await db.query(`INSERT INTO project (id, slug, name) VALUES ($1, 'p', 'p')`, [project]);
    for (const [i, id] of searches.entries())
      await db.query(`INSERT INTO experiment (id, project_id, name, kind, status) VALUES ($1, $2, $3, 'search', 'running')`, [
        id,
        project,
        `search ${i}`,
      ]);
    for (const [i, id] of trials.entries()) {
      const [search, number] = owner(i);
      await db.query(`INSERT INTO run (id, experiment_id, number, status, params) VALUES ($1, $2, $3, 'waiting', '{}')`, [
        id,
        search,
        number,
      ]);
    }
    // two results already there before the migration
    for (const i of [0, 1])
      await db.query(
        `INSERT INTO trial_rung (id, trial_id, rung, epochs, mean_val_accuracy, std_val_accuracy) VALUES ($1, $2, 0, 1, $3, 0)`,
        [randomUUID(), trials[i], 0.5 + i / 10],
      );
    await migrate(database.url);
  });
  afterAll(async () => {
    // each is still undefined when beforeAll failed before assigning it
    await (db as Client | undefined)?.end();
    await (database as TestDatabase | undefined)?.drop();
  });

  const copied = async () =>
    (
      await db.query<{ trial_id: string; experiment_id: string | null; trial_number: number | null }>(
        `SELECT trial_id, experiment_id, trial_number FROM trial_rung ORDER BY trial_number, rung`,
      )
    ).rows.map((r) => [trials.indexOf(r.trial_id), r.experiment_id, r.trial_number]);

  it('fills the rows it finds, and the trigger every row written after (inserts, and moves to another trial)', async () => {
    expect(await copied()).toEqual([0, 1].map((i) => [i, ...owner(i)]));
    await db.query(
      `INSERT INTO trial_rung (id, trial_id, rung, epochs, mean_val_accuracy, std_val_accuracy, experiment_id, trial_number)
       VALUES ($1, $2, 0, 1, 0.9, 0, $3, 999)`,
      [randomUUID(), trials[2], searches[1]], // the wrong search and number, as a careless writer might: overwritten
    );
    await db.query(`UPDATE trial_rung SET trial_id = $1 WHERE trial_id = $2`, [trials[3], trials[1]]);
    expect(await copied()).toEqual([
      [0, ...owner(0)],
      [2, ...owner(2)],
      [3, ...owner(3)],
    ]);
  });

  it('replaces the trials table’s old score index with the two in its order, and adds the chart’s', async () => {
    const indexes = (
      await db.query<{ indexname: string; indexdef: string }>(
        `SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN
           ('run_experiment_id_mean_val_accuracy_idx', 'run_trials_accuracy_desc_idx', 'run_trials_accuracy_asc_idx', 'trial_rung_chart_idx')
         ORDER BY indexname`,
      )
    ).rows.map((r) => [r.indexname, r.indexdef.replace(/^.*USING btree /, '')]);
    expect(indexes).toEqual([
      // ASC sorts NULLs last by default
      ['run_trials_accuracy_asc_idx', '(experiment_id, mean_val_accuracy, number, id)'],
      ['run_trials_accuracy_desc_idx', '(experiment_id, mean_val_accuracy DESC NULLS LAST, number, id)'],
      ['trial_rung_chart_idx', '(experiment_id, rung, mean_val_accuracy DESC, trial_number)'],
    ]);
  });
});
