import { PNG } from 'pngjs';
import { DIGIT_FIXTURES, REJECTED_FIXTURES, expectedFileFor, readGoldenFile as read } from '../lib/digits/testing/golden';
import { expect, test } from './pages/lab';

/** The grey levels of a 28×28 expected PNG. */
function expectedPixels(file: string): Uint8Array {
  const png = PNG.sync.read(read(expectedFileFor(file)));
  return Uint8Array.from({ length: png.width * png.height }, (_, i) => png.data[i * 4]);
}

// The same golden images lib/digits/golden.test.ts checks in Node, here decoded by Chromium itself.
test('golden uploads preprocess in the browser as they do in Node, and bad ones are rejected', async ({ lab }) => {
  await lab.goto();
  for (const fixture of DIGIT_FIXTURES.filter((f) => f.expect === 'digit')) {
    const expected = expectedPixels(fixture.file);
    await lab.upload(fixture.file, 'image/png', read(fixture.file));
    await expect
      .poll(
        async () => {
          const pixels = await lab.inputPixels();
          // Browsers may decode colour a level differently from pngjs (alpha premultiplication).
          return pixels ? Math.max(...pixels.map((v, i) => Math.abs(v - expected[i]))) : Infinity;
        },
        { message: fixture.file },
      )
      .toBeLessThanOrEqual(2);
    // Only now is the upload processed: an error raised with it would show by this point.
    await expect(lab.error, fixture.file).toHaveText('');
  }
  const kept = await lab.inputPixels();
  for (const { file, message } of REJECTED_FIXTURES) {
    await lab.upload(file, 'image/png', read(file));
    await expect(lab.error).toHaveText(message);
    expect(await lab.inputPixels(), file).toEqual(kept);
  }
  await lab.upload('blank-paper.png', 'image/png', read('blank-paper.png'));
  await expect(lab.error).toHaveText(/blank/i);
  expect(await lab.inputPixels()).toEqual(kept);
});
