import type { TSamplePrediction } from '@atelier/domain';
import { Num } from '@/components/ui/num';
import { downloadUrls } from '@/lib/api-client';
import styles from './evaluation.module.css';

interface Props {
  samples: readonly TSamplePrediction[];
  classNames: readonly string[];
  datasetKey: string;
  split: 'train' | 'test';
  /** Wrong predictions first (the interesting ones), then the rest. */
  wrongFirst?: boolean;
}

/** Images with their true and predicted labels and the confidence; wrong predictions marked. */
export function SamplePredictions({ samples, classNames, datasetKey, split, wrongFirst = true }: Props) {
  const ordered = wrongFirst
    ? [...samples].sort((a, b) => Number(b.trueLabel !== b.predictedLabel) - Number(a.trueLabel !== a.predictedLabel) || a.index - b.index)
    : samples;
  const wrong = samples.filter((s) => s.trueLabel !== s.predictedLabel).length;
  return (
    <div className={`stack ${styles.tightStack ?? ''}`}>
      <p className={`muted ${styles.caption ?? ''}`}>
        {samples.length} images, {wrong} predicted wrong{wrongFirst && wrong ? ' (shown first)' : ''}.
      </p>
      <ul className={styles.samples} data-testid="sample-predictions">
        {ordered.map((sample) => {
          const correct = sample.trueLabel === sample.predictedLabel;
          const truth = classNames[sample.trueLabel] ?? String(sample.trueLabel);
          const predicted = classNames[sample.predictedLabel] ?? String(sample.predictedLabel);
          return (
            <li key={sample.index} className={`${styles.sample ?? ''} ${correct ? '' : (styles.wrong ?? '')}`} data-correct={correct}>
              {/* eslint-disable-next-line @next/next/no-img-element -- 28×28 PNGs from the API, scaled with pixelated rendering */}
              <img
                src={downloadUrls.datasetImage(datasetKey, split, sample.index)}
                alt={`${split} image ${sample.index}: ${truth}`}
                loading="lazy"
                width={28}
                height={28}
              />
              <span>
                <span className="muted">true</span> {truth}
              </span>
              <span>
                <span className="muted">pred.</span> {predicted}
                {correct ? null : (
                  <span className={styles.mark} aria-label="wrong">
                    {' '}
                    ✗
                  </span>
                )}
              </span>
              <span className="num muted">
                <Num value={sample.confidence} kind="percent" />
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
