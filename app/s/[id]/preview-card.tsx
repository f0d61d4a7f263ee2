import { ImageResponse } from 'next/og';
import { decodePixels } from '@/lib/digits/codec';
import { INPUT_SIZE } from '@/lib/digits/constants';
import { shiftImage } from '@/lib/digits/shift';
import { sharedModels, sharedResult, type RaceShare, type Share } from '@/lib/share/schema';
import { ZOO_HEX } from '@/lib/viz/zoo-style';
import { raceModelName } from '@/app/_components/train/RaceCharts';
import { PREVIEW_SIZE } from '@/lib/share/preview';
import { getPublishedModels } from '@/lib/storage/server-manifest';
import { MODEL_HEX } from '@/lib/viz/color';
import { modelColor } from '@/app/_components/ui/model-style';

export const PREVIEW_ALT = 'A digit and what the shared- and unshared-weights networks read';

const CELL = 18;

/** The preview card of a share as PNG bytes: the (shifted) digit and both models' top predictions. */
export async function renderSharePreview(share: Share): Promise<Uint8Array> {
  if (share.v === 3) return renderRacePreview(share);
  const pixels = shiftImage(decodePixels(share.input), share.shift.dx, share.shift.dy);
  const published = await getPublishedModels();
  const models = sharedModels(share).map((id) => ({
    id,
    name: published.find((m) => m.id === id)?.card.name ?? id.toUpperCase(),
    card: published.find((m) => m.id === id)?.card,
  }));
  const image = new ImageResponse(
    <div
      style={{
        width: '100%',
        height: '100%',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: '#f8fafc',
        fontSize: 64,
      }}
    >
      <div style={{ display: 'flex', flexDirection: 'column', border: '4px solid #334155' }}>
        {Array.from({ length: INPUT_SIZE }, (_, y) => (
          <div key={y} style={{ display: 'flex' }}>
            {Array.from({ length: INPUT_SIZE }, (_, x) => {
              const v = pixels[y * INPUT_SIZE + x];
              return <div key={x} style={{ width: CELL, height: CELL, background: `rgb(${v},${v},${v})` }} />;
            })}
          </div>
        ))}
      </div>
      <div style={{ display: 'flex', flexDirection: 'column', marginLeft: 60, gap: 24 }}>
        <div style={{ fontSize: 40, color: '#475569' }}>Weight Sharing Lab</div>
        {models.map(({ id, name, card }) => (
          <div key={id} style={{ fontSize: 56, display: 'flex', color: card ? MODEL_HEX[modelColor(card)] : '#334155' }}>
            {`${name} reads ${sharedResult(share, id).top}`}
          </div>
        ))}
        <div style={{ fontSize: 32, color: '#475569' }}>{`shifted by (${share.shift.dx}, ${share.shift.dy})`}</div>
      </div>
    </div>,
    PREVIEW_SIZE,
  );
  return new Uint8Array(await image.arrayBuffer());
}

/** The preview card of a shared race: both models' final held-out accuracy and the settings. */
async function renderRacePreview({ race }: RaceShare): Promise<Uint8Array> {
  const image = new ImageResponse(
    <div
      style={{
        width: '100%',
        height: '100%',
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'center',
        padding: 80,
        gap: 28,
        background: '#f8fafc',
      }}
    >
      <div style={{ fontSize: 40, color: '#475569' }}>Weight Sharing Lab · trained in the browser</div>
      {race.models.map((side) => (
        <div key={side.modelId} style={{ fontSize: 64, display: 'flex', color: ZOO_HEX[side.modelId] }}>
          {`${raceModelName(side.modelId)} ${(side.finalAccuracy * 100).toFixed(1)} % held-out`}
        </div>
      ))}
      <div style={{ fontSize: 32, color: '#475569' }}>
        {`${race.settings.trainImages.toLocaleString('en')} digits × ${race.settings.epochs} epochs, ${race.models[0].step} steps on ${race.backend}`}
      </div>
    </div>,
    PREVIEW_SIZE,
  );
  return new Uint8Array(await image.arrayBuffer());
}
