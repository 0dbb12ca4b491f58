'use client';

import type { TPrediction } from '@atelier/domain';
import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { ProbabilityBars } from '@/components/charts/probability-bars';
import { Num } from '@/components/ui/num';
import { browserApi, type ApiClient } from '@/lib/api-client';
import { ACCEPTED_IMAGE_TYPES, CANVAS_SCALE, downsampleToGray, INPUT_SIZE, letterboxToGray } from './drawing';
import alertStyles from '@/components/ui/alert.module.css';
import buttonStyles from '@/components/ui/button.module.css';
import choiceStyles from '@/components/ui/choice.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import styles from './trials.module.css';

type PredictInput = Parameters<ApiClient['predict']>[1];

interface TryItProps {
  modelId: string;
  api?: ApiClient;
  /** Another way to the model than its id: the registry predicts by `name@alias`. */
  predict?: (input: PredictInput) => Promise<TPrediction>;
}

const SIZE = INPUT_SIZE * CANVAS_SCALE;

/** Reads an uploaded image's pixels in the browser: PNG, JPEG, and WebP where the browser decodes it. */
async function decodeImage(file: File): Promise<{ rgba: Uint8ClampedArray; width: number; height: number } | null> {
  if (typeof createImageBitmap !== 'function') return null;
  const bitmap = await createImageBitmap(file);
  const scratch = document.createElement('canvas');
  scratch.width = bitmap.width;
  scratch.height = bitmap.height;
  const ctx = scratch.getContext('2d');
  if (!ctx) return null;
  ctx.drawImage(bitmap, 0, 0);
  const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
  bitmap.close();
  return { rgba: data, width: scratch.width, height: scratch.height };
}

/**
 * Classify an image with a stored model: draw on a 28×28 canvas (shown 8× larger, white ink on
 * black like Fashion-MNIST) or upload a picture, fitted to the model's input with its aspect
 * kept and optionally inverted; POST /models/:id/predict answers every class's probability.
 */
export function TryIt({ modelId, api = browserApi, predict = (input) => api.predict(modelId, input) }: TryItProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<{ x: number; y: number } | null>(null);
  const [dirty, setDirty] = useState(false);
  const [invert, setInvert] = useState(false);
  const [state, setState] = useState<
    { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; prediction: TPrediction; source: string } | { kind: 'error'; message: string }
  >({ kind: 'idle' });

  const context = () => canvas.current?.getContext('2d') ?? null;
  const paintBlank = () => {
    const ctx = context();
    if (ctx) {
      ctx.fillStyle = '#000';
      ctx.fillRect(0, 0, SIZE, SIZE);
    }
  };
  const clear = () => {
    paintBlank();
    setDirty(false);
  };
  // the canvas starts black (the model's background); nothing is drawn yet, so `dirty` is already false
  useEffect(paintBlank, []);

  const point = (event: PointerEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    return { x: ((event.clientX - rect.left) / rect.width) * SIZE, y: ((event.clientY - rect.top) / rect.height) * SIZE };
  };
  const stroke = (from: { x: number; y: number }, to: { x: number; y: number }) => {
    const ctx = context();
    if (!ctx) return;
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 2.2 * CANVAS_SCALE;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
  };
  const onDown = (event: PointerEvent<HTMLCanvasElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    const p = point(event);
    drawing.current = p;
    stroke(p, p);
    setDirty(true);
  };
  const onMove = (event: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const p = point(event);
    stroke(drawing.current, p);
    drawing.current = p;
  };
  const onUp = () => {
    drawing.current = null;
  };

  const send = async (input: PredictInput, source: string) => {
    setState({ kind: 'busy' });
    try {
      setState({ kind: 'done', prediction: await predict(input), source });
    } catch (error) {
      setState({ kind: 'error', message: (error as Error).message });
    }
  };

  const classifyDrawing = () => {
    const ctx = context();
    if (!ctx) {
      setState({ kind: 'error', message: 'This browser cannot read the canvas.' });
      return;
    }
    void send({ pixels: downsampleToGray(ctx.getImageData(0, 0, SIZE, SIZE).data) }, 'your drawing');
  };

  /** Paints the 28×28 input on the canvas, one block per pixel: the user sees exactly what is sent. */
  const show = (pixels: readonly number[]) => {
    const ctx = context();
    if (!ctx) return;
    pixels.forEach((v, i) => {
      ctx.fillStyle = `rgb(${v},${v},${v})`;
      ctx.fillRect((i % INPUT_SIZE) * CANVAS_SCALE, Math.floor(i / INPUT_SIZE) * CANVAS_SCALE, CANVAS_SCALE, CANVAS_SCALE);
    });
    setDirty(true);
  };

  const unreadable = (name: string) =>
    `${name} could not be read as an image. Upload a PNG, JPEG or WebP picture of one item (or draw it above).`;

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.type && !file.type.startsWith('image/')) {
      setState({ kind: 'error', message: unreadable(file.name) });
      return;
    }
    let image: Awaited<ReturnType<typeof decodeImage>>;
    try {
      image = await decodeImage(file);
    } catch {
      setState({ kind: 'error', message: unreadable(file.name) });
      return;
    }
    if (!image) {
      // no canvas in this browser: only a PNG can go as is (the API decodes PNGs)
      if (file.type === 'image/png' && !invert) return send({ png: file }, file.name);
      setState({ kind: 'error', message: `This browser cannot read ${file.name}'s pixels: upload a PNG, or draw the item above.` });
      return;
    }
    const pixels = letterboxToGray(image.rgba, image.width, image.height, { size: INPUT_SIZE, invert });
    show(pixels);
    const fitted =
      image.width === INPUT_SIZE && image.height === INPUT_SIZE
        ? ''
        : ` (${image.width}×${image.height}, fitted to ${INPUT_SIZE}×${INPUT_SIZE})`;
    await send({ pixels }, `${file.name}${fitted}${invert ? ', inverted' : ''}`);
  };

  const top = state.kind === 'done' ? state.prediction.predictions[0] : undefined;
  return (
    <div className={styles.tryIt}>
      <div className={`stack ${styles.column ?? ''}`}>
        <canvas
          ref={canvas}
          width={SIZE}
          height={SIZE}
          className={styles.canvas}
          aria-label="Drawing area: draw with the mouse or a finger, white on black"
          data-testid="draw-canvas"
          onPointerDown={onDown}
          onPointerMove={onMove}
          onPointerUp={onUp}
          onPointerLeave={onUp}
        />
        <div className="toolbar">
          <button
            type="button"
            className={`${buttonStyles.button} ${buttonStyles.primary}`}
            onClick={classifyDrawing}
            disabled={!dirty || state.kind === 'busy'}
          >
            Classify drawing
          </button>
          <button type="button" className={buttonStyles.button} onClick={clear}>
            Clear
          </button>
        </div>
        <p className={`${fieldStyles.hint} ${styles.flush ?? ''}`} data-testid="try-it-hint">
          The model learned from light items on a black background (Fashion-MNIST&apos;s garments are white on black). Draw in white; for a
          photo of a dark item on a light background, tick Invert.
        </p>
        <label className={`${fieldStyles.field} ${styles.flush ?? ''}`}>
          <span className={fieldStyles.label}>Or upload a picture (PNG, JPEG or WebP)</span>
          <input
            type="file"
            accept={ACCEPTED_IMAGE_TYPES.join(',')}
            data-testid="try-it-upload"
            onChange={(e) => void onFile(e.target.files?.[0])}
            disabled={state.kind === 'busy'}
          />
          <span className={fieldStyles.hint}>
            Fitted inside {INPUT_SIZE}×{INPUT_SIZE} with its proportions kept (bars fill the rest); colours become grayscale.
          </span>
        </label>
        <label className={`${choiceStyles.pill} ${styles.fitContent ?? ''}`}>
          <input type="checkbox" checked={invert} onChange={(e) => setInvert(e.target.checked)} data-testid="try-it-invert" />
          Invert (dark item on a light background)
        </label>
      </div>
      <div aria-live="polite">
        {state.kind === 'idle' ? <p className="muted">Draw an item or upload an image, and the model will say what it sees.</p> : null}
        {state.kind === 'busy' ? <p className="muted">Classifying…</p> : null}
        {state.kind === 'error' ? (
          <div className={`${alertStyles.alert} ${alertStyles.error}`} role="alert">
            {state.message}
          </div>
        ) : null}
        {state.kind === 'done' && top ? (
          <div className={`stack ${styles.column ?? ''}`} data-testid="try-it-result">
            <div>
              <span className="muted">Prediction for {state.source}:</span>
              <div className={styles.predicted} data-testid="try-it-class">
                {top.className}
              </div>
              <span className="num muted">
                <Num value={top.probability} kind="percent" /> confidence
              </span>
            </div>
            <ProbabilityBars predictions={state.prediction.predictions} label="Probability of every class" />
          </div>
        ) : null}
      </div>
    </div>
  );
}
