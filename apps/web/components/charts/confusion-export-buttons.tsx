'use client';

import { useState } from 'react';
import { confusionMatrixCsv, confusionMatrixPng, downloadBlob, exportFileName } from './confusion-export';
import buttonStyles from '@/components/ui/button.module.css';
import fieldStyles from '@/components/ui/field.module.css';

interface Props {
  matrix: readonly (readonly number[])[];
  classNames: readonly string[];
  /** Title drawn on the PNG and the file name's base, e.g. "Trial 3 validation". */
  title: string;
}

/** Download the matrix as CSV (counts) or as a PNG of the heatmap. */
export function ConfusionExportButtons({ matrix, classNames, title }: Props) {
  const [error, setError] = useState<string | null>(null);
  const csv = () =>
    downloadBlob(new Blob([confusionMatrixCsv(matrix, classNames)], { type: 'text/csv' }), exportFileName(`confusion ${title}`, 'csv'));
  const png = async () => {
    setError(null);
    try {
      downloadBlob(
        await confusionMatrixPng(matrix, classNames, `Confusion matrix · ${title}`),
        exportFileName(`confusion ${title}`, 'png'),
      );
    } catch (cause) {
      setError((cause as Error).message);
    }
  };
  return (
    <div className="toolbar" aria-label={`Export the confusion matrix of ${title}`}>
      <button type="button" className={`${buttonStyles.button} ${buttonStyles.small}`} onClick={csv}>
        CSV
      </button>
      <button type="button" className={`${buttonStyles.button} ${buttonStyles.small}`} onClick={() => void png()}>
        PNG
      </button>
      {error ? <span className={fieldStyles.error}>{error}</span> : null}
    </div>
  );
}
