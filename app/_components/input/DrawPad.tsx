'use client';

import { useCallback, useEffect, useImperativeHandle, useRef, useState, type PointerEvent as ReactPointerEvent, type Ref } from 'react';
import { INPUT_PIXELS, INPUT_SIZE } from '@/lib/digits/constants';
import type { RgbaImage } from '@/lib/digits/preprocess';
import { startingHint, useHydrated } from '../ui/useHydrated';

/** 'drawing' while a stroke is in progress (throttled), 'stroke-end' once a stroke, Undo or Clear is done. */
export type DrawPhase = 'drawing' | 'stroke-end';

/** An image the networks read instead of a drawing (a test digit, an upload), shown on the pad. */
export interface PadImage {
  /** Its 28×28 network input, 0 (background) – 255 (ink): what is classified, shown pixel for pixel. */
  pixels: Uint8Array;
  /** What it is, e.g. "MNIST test digit" or "Your image (scan.png)". */
  caption: string;
}

/** What the lab may do to the pad: forget the strokes when an image takes its place. */
export interface DrawPadHandle {
  /** Removes every stroke without reporting a change (the caller has a new input already). */
  clear(): void;
}

export interface DrawPadProps {
  /** The drawing as RGBA pixels (white ink on black, EXPORT_SIZE square), or null when the pad is empty. */
  onChange(image: RgbaImage | null, phase: DrawPhase): void;
  /** Shown on the pad, clearly marked, while the input is an image; the first stroke replaces it. */
  image?: PadImage | null;
  /** "Draw instead": the image goes and the pad is empty again. */
  onDiscardImage?(): void;
  ref?: Ref<DrawPadHandle>;
}

/** A point in pad coordinates: 0…1 across and down, so strokes survive any resize. */
interface Point {
  x: number;
  y: number;
}

interface Stroke {
  points: Point[];
  /** Line width as a fraction of the pad's side. */
  width: number;
}

/**
 * Side of the image handed to `onChange`. Fixed, so the same drawing gives the same pixels on every
 * screen and preprocessing cost stays bounded whatever the devicePixelRatio.
 */
const EXPORT_SIZE = 280;
/** Stroke widths offered, in pixels of the EXPORT_SIZE image. */
const MIN_STROKE = 10;
const MAX_STROKE = 40;
const DEFAULT_STROKE = 22;
/** Least time between two 'drawing' updates, ms. */
const DRAWING_UPDATE_INTERVAL = 100;
/** Cap on the on-screen backing store, so a layout that sizes the canvas by its content cannot run away. */
const MAX_BACKING_SIDE = 2048;
const BACKGROUND = '#000';
const INK = '#fff';

/**
 * A square drawing pad for one digit: draw with mouse, finger or pen (Pointer Events with
 * capture), with a stroke-width slider, Undo and Clear. Strokes are smoothed with quadratic curves
 * through the midpoints of successive points. It always shows what the networks read: a hint until
 * the first stroke, the strokes, or an image the lab classifies instead (marked as one, pixelated).
 */
export function DrawPad({ onChange, image = null, onDiscardImage, ref }: DrawPadProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const strokesRef = useRef<Stroke[]>([]);
  const activePointerRef = useRef<number | null>(null);
  const exportCanvasRef = useRef<HTMLCanvasElement | null>(null);
  const frameRef = useRef<number | null>(null);
  const lastUpdateRef = useRef(0);
  const onChangeRef = useRef(onChange);
  const imageRef = useRef<PadImage | null>(image);
  const [strokeWidth, setStrokeWidth] = useState(DEFAULT_STROKE);
  const [strokeCount, setStrokeCount] = useState(0);
  /** A stroke is under way (the first one has no count yet, but already hides the hint or the image). */
  const [drawing, setDrawing] = useState(false);
  const hydrated = useHydrated();

  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  const redraw = useCallback(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    const shown = imageRef.current;
    if (shown && strokesRef.current.length === 0) paintInput(context, shown.pixels, canvas.width);
    else paintStrokes(context, strokesRef.current, canvas.width);
  }, []);

  useEffect(() => {
    imageRef.current = image;
    redraw();
  }, [image, redraw]);

  useImperativeHandle(
    ref,
    () => ({
      clear() {
        strokesRef.current = [];
        setStrokeCount(0);
        redraw();
      },
    }),
    [redraw],
  );

  const emit = useCallback((phase: DrawPhase) => {
    lastUpdateRef.current = performance.now();
    const strokes = strokesRef.current;
    if (strokes.length === 0) {
      onChangeRef.current(null, phase);
      return;
    }
    exportCanvasRef.current ??= document.createElement('canvas');
    onChangeRef.current(exportImage(exportCanvasRef.current, strokes), phase);
  }, []);

  // Keep the backing store at device resolution for crisp strokes on high-DPI screens.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const observer = new ResizeObserver(([entry]) => {
      const side = Math.min(MAX_BACKING_SIDE, Math.max(1, Math.round(entry.contentRect.width * window.devicePixelRatio)));
      if (canvas.width !== side || canvas.height !== side) {
        canvas.width = side;
        canvas.height = side;
      }
      redraw();
    });
    observer.observe(canvas);
    return () => observer.disconnect();
  }, [redraw]);

  useEffect(
    () => () => {
      if (frameRef.current !== null) cancelAnimationFrame(frameRef.current);
    },
    [],
  );

  /** Repaint at most once a frame; report progress at most every DRAWING_UPDATE_INTERVAL. */
  const scheduleFrame = useCallback(() => {
    if (frameRef.current !== null) return;
    frameRef.current = requestAnimationFrame((now) => {
      frameRef.current = null;
      redraw();
      if (activePointerRef.current !== null && now - lastUpdateRef.current >= DRAWING_UPDATE_INTERVAL) emit('drawing');
    });
  }, [redraw, emit]);

  const onPointerDown = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    if (!event.isPrimary || event.button !== 0 || activePointerRef.current !== null) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    activePointerRef.current = event.pointerId;
    setDrawing(true);
    lastUpdateRef.current = performance.now();
    strokesRef.current = [...strokesRef.current, { points: [toPadPoint(event.currentTarget, event)], width: strokeWidth / EXPORT_SIZE }];
    scheduleFrame();
  };

  const onPointerMove = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    if (event.pointerId !== activePointerRef.current) return;
    const stroke = strokesRef.current[strokesRef.current.length - 1];
    // Coalesced events carry the intermediate positions a fast pen or finger moved through.
    const samples = event.nativeEvent.getCoalescedEvents?.() ?? [];
    for (const sample of samples.length > 0 ? samples : [event.nativeEvent]) {
      stroke.points.push(toPadPoint(event.currentTarget, sample));
    }
    scheduleFrame();
  };

  const endStroke = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    if (event.pointerId !== activePointerRef.current) return;
    activePointerRef.current = null;
    setDrawing(false);
    if (event.currentTarget.hasPointerCapture(event.pointerId)) {
      event.currentTarget.releasePointerCapture(event.pointerId);
    }
    redraw();
    setStrokeCount(strokesRef.current.length);
    emit('stroke-end');
  };

  const undo = () => {
    strokesRef.current = strokesRef.current.slice(0, -1);
    redraw();
    setStrokeCount(strokesRef.current.length);
    emit('stroke-end');
  };

  const clear = () => {
    strokesRef.current = [];
    redraw();
    setStrokeCount(0);
    emit('stroke-end');
  };

  const showing = drawing || strokeCount > 0 ? 'strokes' : image ? 'image' : 'empty';

  const buttonClass =
    'min-h-11 min-w-11 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 ' +
    'hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-700 ' +
    'disabled:cursor-not-allowed disabled:opacity-50';

  return (
    // As wide as its column, but no pad taller than a phone is wide: on a tablet the readings stay near it.
    <div className="mx-auto grid w-full max-w-md gap-3">
      <div className="relative">
        <canvas
          ref={canvasRef}
          data-testid="draw-canvas"
          data-showing={showing}
          role="img"
          aria-label={
            showing === 'image'
              ? `The image being classified: ${image?.caption}, 28×28 pixels. Draw on the pad to replace it with a drawing.`
              : 'Drawing pad: draw one digit with a mouse, finger or pen'
          }
          aria-disabled={!hydrated || undefined}
          {...startingHint(hydrated)}
          className={`block aspect-square w-full touch-none rounded-lg bg-pad shadow-inner select-none ${hydrated ? 'cursor-crosshair' : 'cursor-not-allowed opacity-60'}`}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={endStroke}
          onPointerCancel={endStroke}
          onLostPointerCapture={endStroke}
        />
        {!hydrated ? (
          // Over the pad until it can take strokes; the pointer passes through to the canvas and its hover text.
          <p
            aria-hidden="true"
            className="pointer-events-none absolute inset-0 grid place-items-center p-4 text-center text-sm text-pad-ink"
          >
            Starting… you can draw here in a moment.
          </p>
        ) : showing === 'empty' ? (
          <p
            data-testid="draw-hint"
            aria-hidden="true"
            className="pointer-events-none absolute inset-0 grid place-items-center p-6 text-center text-lg text-pad-muted"
          >
            Draw a digit here
          </p>
        ) : showing === 'image' ? (
          // Strokes still start on the canvas underneath: only the label and its button take the pointer.
          <div className="pointer-events-none absolute inset-x-0 top-0 flex flex-wrap items-start justify-between gap-2 p-2">
            <p data-testid="pad-image" className="rounded-md bg-pad/80 px-2 py-1 text-xs font-medium text-pad-ink ring-1 ring-pad-muted/60">
              Image · {image?.caption}
            </p>
            <button
              type="button"
              data-testid="draw-instead"
              onClick={onDiscardImage}
              className="pointer-events-auto min-h-11 rounded-md bg-pad-ink px-3 text-sm font-medium text-pad hover:bg-pad-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-pad-ink"
            >
              Draw instead
            </button>
          </div>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <label className="flex min-w-40 flex-1 items-center gap-2 text-sm text-slate-700">
          Stroke width
          <input
            type="range"
            data-testid="stroke-width"
            min={MIN_STROKE}
            max={MAX_STROKE}
            step={2}
            value={strokeWidth}
            onChange={(event) => setStrokeWidth(Number(event.currentTarget.value))}
            aria-valuetext={`${strokeWidth} pixels`}
            disabled={!hydrated}
            {...startingHint(hydrated)}
            className="h-11 min-w-0 flex-1 accent-slate-700 disabled:cursor-not-allowed disabled:opacity-50"
          />
        </label>
        <div className="flex gap-2">
          <button type="button" data-testid="undo-button" onClick={undo} disabled={strokeCount === 0} className={buttonClass}>
            Undo
          </button>
          <button type="button" data-testid="clear-button" onClick={clear} disabled={strokeCount === 0} className={buttonClass}>
            Clear
          </button>
        </div>
      </div>
    </div>
  );
}

function toPadPoint(canvas: HTMLCanvasElement, event: { clientX: number; clientY: number }): Point {
  const rect = canvas.getBoundingClientRect();
  return {
    x: clamp01((event.clientX - rect.left) / rect.width),
    y: clamp01((event.clientY - rect.top) / rect.height),
  };
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/** Paint a 28×28 input onto a square context `side` pixels wide, each input pixel a crisp square. */
function paintInput(context: CanvasRenderingContext2D, pixels: Uint8Array, side: number): void {
  const source = document.createElement('canvas');
  source.width = INPUT_SIZE;
  source.height = INPUT_SIZE;
  const image = new ImageData(INPUT_SIZE, INPUT_SIZE);
  for (let i = 0; i < INPUT_PIXELS; i++) image.data.set([pixels[i], pixels[i], pixels[i], 255], i * 4);
  source.getContext('2d')?.putImageData(image, 0, 0);
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.imageSmoothingEnabled = false;
  context.drawImage(source, 0, 0, side, side);
}

/** Paint every stroke, white on black, onto a square context `side` pixels wide. */
function paintStrokes(context: CanvasRenderingContext2D, strokes: readonly Stroke[], side: number): void {
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.fillStyle = BACKGROUND;
  context.fillRect(0, 0, side, side);
  context.setTransform(side, 0, 0, side, 0, 0);
  context.strokeStyle = INK;
  context.fillStyle = INK;
  context.lineCap = 'round';
  context.lineJoin = 'round';
  for (const stroke of strokes) paintStroke(context, stroke);
}

/** A tap is a dot; otherwise a quadratic curve through the midpoints, each sample its control point. */
function paintStroke(context: CanvasRenderingContext2D, { points, width }: Stroke): void {
  const [first] = points;
  context.beginPath();
  if (points.length === 1) {
    context.arc(first.x, first.y, width / 2, 0, 2 * Math.PI);
    context.fill();
    return;
  }
  context.lineWidth = width;
  context.moveTo(first.x, first.y);
  for (let i = 1; i < points.length - 1; i++) {
    const midX = (points[i].x + points[i + 1].x) / 2;
    const midY = (points[i].y + points[i + 1].y) / 2;
    context.quadraticCurveTo(points[i].x, points[i].y, midX, midY);
  }
  const last = points[points.length - 1];
  context.lineTo(last.x, last.y);
  context.stroke();
}

/** Render the strokes at EXPORT_SIZE on an off-screen canvas and read the pixels back. */
function exportImage(canvas: HTMLCanvasElement, strokes: readonly Stroke[]): RgbaImage {
  canvas.width = EXPORT_SIZE;
  canvas.height = EXPORT_SIZE;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('This browser cannot draw on a canvas.');
  paintStrokes(context, strokes, EXPORT_SIZE);
  const { data, width, height } = context.getImageData(0, 0, EXPORT_SIZE, EXPORT_SIZE);
  return { data, width, height };
}
