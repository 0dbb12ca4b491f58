'use client';

import type { TPrediction } from '@atelier/domain';
import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { ProbabilityBars } from '@/components/charts/probability-bars';
import { Num } from '@/components/ui/num';
import { browserApi, type ApiClient } from '@/lib/api-client';
import { CANVAS_SCALE, downsampleToGray, INPUT_SIZE } from '@/lib/drawing';

interface TryItProps {
  modelId: string;
  api?: ApiClient;
}

const SIZE = INPUT_SIZE * CANVAS_SCALE;

/**
 * Classify an image with a stored model: draw on a 28×28 canvas (shown 8× larger, white ink on
 * black like Fashion-MNIST) or upload a PNG; POST /models/:id/predict answers every class's probability.
 */
export function TryIt({ modelId, api = browserApi }: TryItProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<{ x: number; y: number } | null>(null);
  const [dirty, setDirty] = useState(false);
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; prediction: TPrediction; source: string } | { kind: 'error'; message: string }>(
    { kind: 'idle' },
  );

  const context = () => canvas.current?.getContext('2d') ?? null;
  const clear = () => {
    const ctx = context();
    if (ctx) {
      ctx.fillStyle = '#000';
      ctx.fillRect(0, 0, SIZE, SIZE);
    }
    setDirty(false);
  };
  useEffect(clear, []);

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
    event.currentTarget.setPointerCapture?.(event.pointerId);
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

  const send = async (input: Parameters<ApiClient['predict']>[1], source: string) => {
    setState({ kind: 'busy' });
    try {
      setState({ kind: 'done', prediction: await api.predict(modelId, input), source });
    } catch (error) {
      setState({ kind: 'error', message: (error as Error).message });
    }
  };

  const classifyDrawing = () => {
    const ctx = context();
    if (!ctx) return setState({ kind: 'error', message: 'This browser cannot read the canvas.' });
    void send({ pixels: downsampleToGray(ctx.getImageData(0, 0, SIZE, SIZE).data) }, 'your drawing');
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    // show what is sent, scaled into the canvas; an image that is not 28×28 is resized here,
    // because the API takes the model's input size only
    const ctx = context();
    if (ctx && typeof createImageBitmap === 'function') {
      try {
        const bitmap = await createImageBitmap(file);
        ctx.imageSmoothingEnabled = bitmap.width !== INPUT_SIZE || bitmap.height !== INPUT_SIZE;
        ctx.fillStyle = '#000';
        ctx.fillRect(0, 0, SIZE, SIZE);
        ctx.drawImage(bitmap, 0, 0, SIZE, SIZE);
        setDirty(true);
        if (bitmap.width !== INPUT_SIZE || bitmap.height !== INPUT_SIZE) {
          await send({ pixels: downsampleToGray(ctx.getImageData(0, 0, SIZE, SIZE).data) }, `${file.name} (resized from ${bitmap.width}×${bitmap.height})`);
          return;
        }
      } catch {
        // not an image the browser can decode: the API will say why
      }
    }
    await send({ png: file }, file.name);
  };

  const top = state.kind === 'done' ? state.prediction.predictions[0] : undefined;
  return (
    <div className="try-it">
      <div className="stack" style={{ gap: 10 }}>
        <canvas
          ref={canvas}
          width={SIZE}
          height={SIZE}
          className="draw-canvas"
          aria-label="Drawing area: draw with the mouse or a finger, white on black"
          data-testid="draw-canvas"
          onPointerDown={onDown}
          onPointerMove={onMove}
          onPointerUp={onUp}
          onPointerLeave={onUp}
        />
        <div className="toolbar">
          <button type="button" className="button button--primary" onClick={classifyDrawing} disabled={!dirty || state.kind === 'busy'}>
            Classify drawing
          </button>
          <button type="button" className="button" onClick={clear}>
            Clear
          </button>
        </div>
        <label className="field" style={{ margin: 0 }}>
          <span className="field__label">Or upload a PNG</span>
          <input type="file" accept="image/png" data-testid="try-it-upload" onChange={(e) => void onFile(e.target.files?.[0])} disabled={state.kind === 'busy'} />
          <span className="field__hint">28×28 is sent as is; other sizes are resized here first. Colours become grayscale, transparency black.</span>
        </label>
      </div>
      <div aria-live="polite">
        {state.kind === 'idle' ? <p className="muted">Draw an item or upload an image, and the model will say what it sees.</p> : null}
        {state.kind === 'busy' ? <p className="muted">Classifying…</p> : null}
        {state.kind === 'error' ? (
          <div className="alert alert--error" role="alert">
            {state.message}
          </div>
        ) : null}
        {state.kind === 'done' && top ? (
          <div className="stack" style={{ gap: 10 }} data-testid="try-it-result">
            <div>
              <span className="muted">Prediction for {state.source}:</span>
              <div style={{ fontSize: '1.5rem', fontWeight: 700 }} data-testid="try-it-class">
                {top.className}
              </div>
              <span className="num muted"><Num value={top.probability} kind="percent" /> confidence</span>
            </div>
            <ProbabilityBars predictions={state.prediction.predictions} label="Probability of every class" />
          </div>
        ) : null}
      </div>
    </div>
  );
}
