import { LegendToggle } from './legend-toggle';
import type { LegendToggles } from './use-legend-toggles';
import styles from './chart.module.css';

/** The legend entries of the two line styles (CurveSeries.toggles), shared by the curve charts. */
export const LINE_STYLE_ENTRIES = { validation: 'style:validation', training: 'style:training' } as const;

/** The legend's key to the two line styles, shared by the curve charts: each toggles every line drawn in it. */
export function LineStyleKey({ toggles }: { toggles: LegendToggles }) {
  return (
    <li className={styles.key} aria-label="Line styles">
      <LegendToggle entry={LINE_STYLE_ENTRIES.validation} toggles={toggles} name="validation lines">
        <span className={styles.keyLine} aria-hidden="true" />
        validation
      </LegendToggle>
      <LegendToggle entry={LINE_STYLE_ENTRIES.training} toggles={toggles} name="training lines">
        <span className={`${styles.keyLine ?? ''} ${styles.keyLineDashed ?? ''}`} aria-hidden="true" />
        training
      </LegendToggle>
    </li>
  );
}
