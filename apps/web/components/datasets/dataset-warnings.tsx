import type { TDatasetWarning } from '@atelier/domain';
import alertStyles from '@/components/ui/alert.module.css';
import styles from './datasets.module.css';

interface Props {
  warnings: readonly TDatasetWarning[];
  /** The dataset's name, when the page is about something else (an experiment, the launch form). */
  datasetName?: string;
}

/**
 * The data-quality warnings acknowledged when the dataset was imported, repeated wherever the
 * dataset is used: a score trained on such data should never be read without them.
 */
export function DatasetWarnings({ warnings, datasetName }: Props) {
  if (warnings.length === 0) return null;
  return (
    <div className={`${alertStyles.alert} ${alertStyles.warn}`} role="note" data-testid="dataset-warnings">
      <strong>
        {datasetName ? `The dataset ${datasetName}` : 'This dataset'} was imported with{' '}
        {warnings.length === 1 ? 'a warning' : `${warnings.length} warnings`}: scores trained on it may not mean what they seem.
      </strong>
      <ul className={styles.warningList}>
        {warnings.map((warning) => (
          <li key={warning.kind} data-kind={warning.kind}>
            {warning.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
