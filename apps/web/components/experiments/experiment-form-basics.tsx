'use client';

import cardStyles from '@/components/ui/card.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import { FieldError, type FormSectionProps } from './experiment-form-controls';
import styles from './experiment-form.module.css';

/** The name and description of the experiment. */
export function BasicsSection({ state, update, errorFor }: FormSectionProps) {
  return (
    <section className={`${cardStyles.card} ${fieldStyles.section}`} aria-labelledby="basics-title">
      <h2 id="basics-title">Basics</h2>
      <p className={styles.sectionHint}>A name you will recognise in the list; the description is for your team.</p>
      <div className={fieldStyles.field}>
        <label htmlFor="name">Name</label>
        <input
          id="name"
          name="name"
          className={fieldStyles.input}
          value={state.name}
          maxLength={120}
          placeholder="e.g. cnn-a learning-rate sweep"
          aria-invalid={errorFor('name') ? true : undefined}
          aria-describedby={errorFor('name') ? 'name-error' : undefined}
          onChange={(e) => update('name', e.target.value)}
          required
        />
        <FieldError id="name-error" message={errorFor('name')} />
      </div>
      <div className={fieldStyles.field}>
        <label htmlFor="description">
          Description <span className="muted">(optional)</span>
        </label>
        <textarea
          id="description"
          name="description"
          className={fieldStyles.textarea}
          value={state.description}
          maxLength={2000}
          onChange={(e) => update('description', e.target.value)}
        />
      </div>
    </section>
  );
}
