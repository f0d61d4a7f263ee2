'use client';

import { useCallback, useEffect, useId, useRef, useState, type ChangeEvent, type DragEvent, type ReactNode } from 'react';
import { decodeImageBlob, ImageDecodeError } from '@/lib/digits/image-decode-browser';
import { checkImageFile, DECODE_FAILED_MESSAGE, IMAGE_MIME_TYPES, MAGIC_BYTES_LENGTH, MAX_UPLOAD_BYTES } from '@/lib/digits/image-file';
import type { RgbaImage } from '@/lib/digits/preprocess';
import { startingHint, useHydrated } from '../ui/useHydrated';

export interface ImageInputProps {
  /** A valid image was decoded (longest side ≤ 1024 px). */
  onImage(image: RgbaImage, fileName: string): void;
  /** The file was rejected or could not be decoded; the message is fit to show. Nothing else changes. */
  onError(message: string): void;
  /** Other ways to get a digit, shown beside the upload button (e.g. "Try a test digit"). */
  children?: ReactNode;
}

const ACCEPT = Object.values(IMAGE_MIME_TYPES).join(',');
const LIMIT_MB = MAX_UPLOAD_BYTES / (1024 * 1024);

/**
 * Upload a digit image three ways: a file picker, drag and drop onto the zone, or pasting an image
 * anywhere on the page. Each file is checked by size and magic bytes, then decoded in the browser.
 */
export function ImageInput({ onImage, onError, children }: ImageInputProps) {
  const inputId = useId();
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  // Only the most recent file may report back, however long an earlier one takes to decode.
  const latestRequestRef = useRef(0);
  const callbacksRef = useRef({ onImage, onError });
  const hydrated = useHydrated();

  useEffect(() => {
    callbacksRef.current = { onImage, onError };
  }, [onImage, onError]);

  const handleFile = useCallback(async (file: File) => {
    const request = ++latestRequestRef.current;
    const isCurrent = () => request === latestRequestRef.current;
    setBusy(true);
    try {
      const head = new Uint8Array(await file.slice(0, MAGIC_BYTES_LENGTH).arrayBuffer());
      const check = checkImageFile({ size: file.size, head });
      if (!check.ok) {
        if (isCurrent()) callbacksRef.current.onError(check.message);
        return;
      }
      const image = await decodeImageBlob(file);
      if (isCurrent()) callbacksRef.current.onImage(image, file.name);
    } catch (error) {
      if (isCurrent()) callbacksRef.current.onError(error instanceof ImageDecodeError ? error.message : DECODE_FAILED_MESSAGE);
    } finally {
      if (isCurrent()) setBusy(false);
    }
  }, []);

  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const file = Array.from(event.clipboardData?.files ?? [])[0];
      if (!file) return; // Text pastes belong to whatever field has focus.
      event.preventDefault();
      void handleFile(file);
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, [handleFile]);

  const onPick = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    // Reset so choosing the same file again still fires a change.
    event.currentTarget.value = '';
    if (file) void handleFile(file);
  };

  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    if (!event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void handleFile(file);
  };

  return (
    <div
      data-testid="drop-zone"
      onDragOver={onDragOver}
      onDragLeave={(event) => {
        // Moving between the zone's own children is not leaving it.
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
      className={`grid justify-items-start gap-2 rounded-lg border-2 border-dashed p-3 text-sm transition-colors ${
        dragging ? 'border-slate-700 bg-slate-100' : 'border-slate-300 bg-white'
      }`}
    >
      {/* The file input sits right before its label: the label's focus ring and disabled look follow it (peer-…). */}
      <div className="flex flex-wrap gap-2">
        <input
          id={inputId}
          type="file"
          data-testid="upload-input"
          accept={ACCEPT}
          onChange={onPick}
          disabled={!hydrated}
          {...startingHint(hydrated)}
          className="peer sr-only"
        />
        <label
          htmlFor={inputId}
          title={startingHint(hydrated).title}
          className="inline-flex min-h-11 cursor-pointer items-center rounded-md bg-slate-800 px-4 font-medium text-white hover:bg-slate-700 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-slate-700 peer-disabled:cursor-not-allowed peer-disabled:bg-slate-400"
        >
          Upload an image
        </label>
        {children}
      </div>
      <p className="text-slate-600">Or drop an image here, or paste one (Ctrl+V / ⌘V): PNG, JPEG, WebP, GIF or BMP, up to {LIMIT_MB} MB.</p>
      <p aria-live="polite" className={busy ? 'text-slate-700' : 'sr-only'}>
        {busy ? 'Reading the image…' : ''}
      </p>
    </div>
  );
}
