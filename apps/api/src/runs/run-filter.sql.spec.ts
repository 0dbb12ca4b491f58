import { Prisma } from '@atelier/db/client';
import { parseRunFilter, parseRunSort } from '@atelier/domain';
import { compileFilter, compileSort, compileSortPhases, containsPattern, MetricJoins } from './run-filter.sql';
import { shownRunStatusIs } from './run-status.sql';

const attributes = { status: Prisma.sql`r.status` };
const shownRunStatusIsForTest = (status: string) => shownRunStatusIs(status, 60);

function compile(text: string) {
  const parsed = parseRunFilter(text);
  if (!parsed.ok || !parsed.value) throw new Error(parsed.ok ? 'empty' : parsed.error.message);
  const joins = new MetricJoins();
  const sql = compileFilter(parsed.value, joins, attributes);
  return { text: sql.text, values: sql.values, joins: joins.sql() };
}

describe('compileFilter', () => {
  it('sends every key and value the user wrote as a bind parameter, never as SQL text', () => {
    const evilKey = "x') OR 1=1; DROP TABLE run; --";
    const evilValue = "adam'; DELETE FROM run; --";
    const { text, values, joins } = compile(
      `params.\`${evilKey}\` = '${evilValue.replace(/'/g, "''")}' and metrics.\`${evilKey}\` > 1 and tags.team contains '${evilValue.replace(/'/g, "''")}'`,
    );
    for (const fragment of [evilKey, evilValue, 'DROP', 'DELETE', 'team']) {
      expect(text).not.toContain(fragment);
      expect(joins.text).not.toContain(fragment);
    }
    expect(values).toContain(JSON.stringify({ [evilKey]: evilValue }));
    expect(joins.values).toEqual([evilKey]);
    expect(values).toContain(containsPattern(evilValue));
  });

  it('answers equality by containment (the GIN index) and ranges on the bare metric column (the (key, last) index)', () => {
    const { text, values } = compile("params.optimizer = 'adam' and metrics.val_accuracy > 0.9");
    expect(text).toBe("(r.params @> $1::jsonb AND (ms0.last > $2::float8 AND ms0.last <> 'NaN'::float8))");
    expect(values).toEqual(['{"optimizer":"adam"}', 0.9]);
  });

  it('makes comparisons two-valued under not, so a missing field negates to true', () => {
    expect(compile('not params.lr < 0.1').text).toBe(
      '(NOT coalesce((CASE WHEN jsonb_typeof(r.params -> $1) = $2 THEN (r.params ->> $3)::float8 END) < $4::float8, false))',
    );
    expect(compile('params.lr < 0.1').text).toBe(
      '(CASE WHEN jsonb_typeof(r.params -> $1) = $2 THEN (r.params ->> $3)::float8 END) < $4::float8',
    );
  });

  it("compares the status through the list's statusIs (the stored column where it says the same) when it has one", () => {
    const parsed = parseRunFilter("attributes.status in ('failed', 'lost')");
    const withStatusIs = { ...attributes, statusIs: shownRunStatusIsForTest };
    const sql = compileFilter(parsed.ok ? parsed.value! : (null as never), new MetricJoins(), withStatusIs);
    expect([sql.text, sql.values]).toEqual([
      "(r.status = $1 OR (r.status = $2 AND (CASE WHEN r.status = $3 AND e.kind = 'tracked'\n      AND coalesce(r.last_seen_at, r.created_at) < now() - make_interval(secs => $4::float8)\n      THEN 'lost' ELSE r.status END) = $5))",
      ['failed', 'running', 'running', 60, 'lost'],
    ]);
  });

  it('escapes the wildcards of a contains text', () => {
    expect(containsPattern('50%_a!')).toBe('%50!%!_a!!%');
  });

  it('joins each metric key once, whatever the number of references', () => {
    const joins = new MetricJoins();
    const parsed = parseRunFilter('metrics.loss < 1 and metrics.loss.min < 0.5 and metrics.acc > 0');
    compileFilter(parsed.ok ? parsed.value! : (null as never), joins, attributes);
    const sort = parseRunSort('metrics.loss desc');
    const terms = compileSort(sort.ok ? sort.value : (null as never), joins, attributes);
    expect(joins.size).toBe(2);
    expect(terms.map((term) => [term.expression.text, term.direction, term.nulls])).toEqual([
      ["NULLIF(ms0.last, 'NaN'::float8)", 'DESC', 'LAST'],
      ['r.id', 'ASC', 'LAST'],
    ]);
  });

  it('cuts a sort into phases an index can walk: a value in index order, then the runs without one, by id', () => {
    const phases = (text: string) => {
      const sort = parseRunSort(text);
      return compileSortPhases(sort.ok ? sort.value : (null as never), new MetricJoins(), attributes).map((phase) => [
        phase.join?.text ?? null,
        phase.condition.text,
        phase.order.text,
      ]);
    };
    expect(phases('metrics.loss desc')).toEqual([
      [null, "ms0.last < 'NaN'::float8", 'ms0.last DESC, r.id DESC'],
      [null, "NOT coalesce(ms0.last < 'NaN'::float8, false)", 'r.id ASC'],
    ]);
    const join = 'JOIN run_param_sort ps ON ps.run_id = r.id AND ps.key = $1';
    expect(phases('params.lr').map(([joined, condition]) => [joined, condition])).toEqual([
      [join, 'ps.num IS NOT NULL'],
      [join, 'ps.txt IS NOT NULL'],
      [join, 'ps.bool IS NOT NULL'],
      [null, "coalesce(jsonb_typeof(r.params -> $1) NOT IN ('number', 'string', 'boolean'), true)"],
    ]);
    expect(phases('attributes.created desc')).toEqual([[null, 'TRUE', 'r.created_at DESC, r.id DESC']]);
    // every other sort walks an index too (migration add_run_sort_indexes)
    expect(phases('metrics.loss.min asc')[0]).toEqual([null, "ms0.min < 'NaN'::float8", 'ms0.min ASC, r.id ASC']);
    expect(phases('metrics.loss.max desc')[0]).toEqual([null, "ms0.max < 'NaN'::float8", 'ms0.max DESC, r.id DESC']);
    expect(phases('tags.user desc')).toEqual([
      ['JOIN run_tag_sort ts ON ts.run_id = r.id AND ts.key = $1', 'TRUE', 'ts.value DESC, r.id DESC'],
      [null, '(r.tags ->> $1) IS NULL', 'r.id ASC'],
    ]);
    expect(phases('attributes.name')).toEqual([
      [null, 'r.name IS NOT NULL', 'r.name ASC, r.id ASC'],
      [null, 'NOT coalesce(r.name IS NOT NULL, false)', 'r.id ASC'],
    ]);
    expect(phases('attributes.id desc')).toEqual([[null, 'TRUE', 'r.id DESC']]);
    expect(phases('attributes.number')).toEqual([[null, 'TRUE', 'r.number ASC, r.id ASC']]);
    // one phase per shown status, in the sort's order, then any status outside the list
    const sort = parseRunSort('attributes.status desc');
    const statuses = compileSortPhases(sort.ok ? sort.value : (null as never), new MetricJoins(), attributes);
    expect(statuses.map((phase) => [phase.condition.text, phase.condition.values])).toEqual([
      ...['waiting', 'stopped'].map((status) => ['r.status = $1', [status]]),
      ["r.status = 'running' AND r.status = $1", ['running']],
      ...['queued', 'paused'].map((status) => ['r.status = $1', [status]]),
      ["r.status = 'running' AND r.status = $1", ['lost']],
      ...['failed', 'completed', 'cancelled'].map((status) => ['r.status = $1', [status]]),
      ['r.status <> ALL($1::text[])', [['queued', 'running', 'paused', 'waiting', 'stopped', 'completed', 'failed', 'cancelled']]],
    ]);
    expect(phases('attributes.source')).toEqual([
      [null, 'e.kind = $1', 'r.id ASC'],
      [null, 'e.kind = $1', 'r.id ASC'],
      [null, 'e.kind <> ALL($1::text[])', 'e.kind ASC, r.id ASC'],
    ]);
  });
});
