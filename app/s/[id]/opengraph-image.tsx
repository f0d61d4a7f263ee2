import { ImageResponse } from 'next/og';
import { decodePixels } from '@/lib/digits/codec';
import { INPUT_SIZE } from '@/lib/digits/constants';
import { shiftImage } from '@/lib/digits/shift';
import { getShare } from '@/lib/share/store';
import { getPublishedModels } from '@/lib/storage/server-manifest';
import { MODEL_HEX } from '@/lib/viz/color';
import { modelColor } from '@/app/_components/ui/model-style';

export const alt = 'A digit and what the shared- and unshared-weights networks read';
export const size = { width: 1200, height: 630 };
export const contentType = 'image/png';

const CELL = 18;

/** Preview card for a shared link: the (shifted) digit and both models' top predictions. */
export default async function Image({ params }: { params: Promise<{ id: string }> }) {
  const share = await getShare((await params).id);
  if (!share) {
    return new ImageResponse(<Card>Weight Sharing Lab</Card>, size);
  }
  const pixels = shiftImage(decodePixels(share.input), share.shift.dx, share.shift.dy);
  const models = await getPublishedModels();
  return new ImageResponse(
    (
      <Card>
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
          {models.map(({ id, card }) => (
            <div key={id} style={{ fontSize: 56, display: 'flex', color: MODEL_HEX[modelColor(card)] }}>
              {`${card.name} reads ${share.results[id].top}`}
            </div>
          ))}
          <div style={{ fontSize: 32, color: '#475569' }}>{`shifted by (${share.shift.dx}, ${share.shift.dy})`}</div>
        </div>
      </Card>
    ),
    size,
  );
}

function Card({ children }: { children: React.ReactNode }) {
  return (
    <div style={{ width: '100%', height: '100%', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f8fafc', fontSize: 64 }}>
      {children}
    </div>
  );
}
