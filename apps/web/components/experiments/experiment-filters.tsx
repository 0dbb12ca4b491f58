import { defaultExperimentOrder, EXPERIMENT_SEARCH_MAX_LENGTH, SEARCH_STRATEGY_KINDS } from '@atelier/domain';
import Link from 'next/link';
import { clearFiltersHref, hasFilters, STRATEGY_LABELS, type ExperimentListState } from './experiment-list';
import buttonStyles from '@/components/ui/button.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import styles from './experiments.module.css';

interface Props {
  state: ExperimentListState;
  /** Datasets to offer (key and display name); the one in the URL is offered even when missing. */
  datasets: readonly { key: string; name: string }[];
}

/**
 * Search and filters as a plain GET form on /experiments: it works without JavaScript, and what it
 * submits is the page's URL. The project, the sort and the status tab ride along in hidden fields; a new
 * search starts again at page 1 (no page field).
 */
export function ExperimentFilters({ state, datasets }: Props) {
  const datasetOptions =
    state.dataset && !datasets.some((d) => d.key === state.dataset) ? [...datasets, { key: state.dataset, name: state.dataset }] : datasets;
  return (
    <form className={styles.filterBar} method="get" action="/experiments" role="search" aria-label="Search and filter experiments">
      {state.project ? <input type="hidden" name="project" value={state.project} /> : null}
      {state.sort !== 'createdAt' ? <input type="hidden" name="sort" value={state.sort} /> : null}
      {state.order !== defaultExperimentOrder(state.sort) ? <input type="hidden" name="order" value={state.order} /> : null}
      {state.status.length > 0 ? <input type="hidden" name="status" value={state.status.join(',')} /> : null}
      <div className={fieldStyles.field}>
        <label htmlFor="experiments-q" className={fieldStyles.label}>
          Search
        </label>
        <input
          id="experiments-q"
          className={fieldStyles.input}
          type="search"
          name="q"
          defaultValue={state.q}
          maxLength={EXPERIMENT_SEARCH_MAX_LENGTH}
          placeholder="Name or description"
        />
      </div>
      <div className={fieldStyles.field}>
        <label htmlFor="experiments-dataset" className={fieldStyles.label}>
          Dataset
        </label>
        <select id="experiments-dataset" className={fieldStyles.select} name="dataset" defaultValue={state.dataset ?? ''}>
          <option value="">any</option>
          {datasetOptions.map((d) => (
            <option key={d.key} value={d.key}>
              {d.name === d.key ? d.key : `${d.name} (${d.key})`}
            </option>
          ))}
        </select>
      </div>
      <div className={fieldStyles.field}>
        <label htmlFor="experiments-strategy" className={fieldStyles.label}>
          Strategy
        </label>
        <select id="experiments-strategy" className={fieldStyles.select} name="strategy" defaultValue={state.strategy ?? ''}>
          <option value="">any</option>
          {SEARCH_STRATEGY_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {STRATEGY_LABELS[kind]}
            </option>
          ))}
        </select>
      </div>
      <div className="toolbar">
        <button type="submit" className={`${buttonStyles.button} ${buttonStyles.small}`}>
          Apply
        </button>
        {hasFilters(state) ? (
          <Link className={`${buttonStyles.button} ${buttonStyles.small}`} href={clearFiltersHref(state)}>
            Clear filters
          </Link>
        ) : null}
      </div>
    </form>
  );
}
