export default function Home() {
  return (
    <main className="mx-auto max-w-3xl px-4 py-10">
      <h1 className="text-3xl font-bold tracking-tight">Weight Sharing Lab</h1>
      <p className="mt-4 text-lg leading-relaxed">
        Two small networks read handwritten digits. They have the same layers, the same size and were trained the
        same way. The only difference: the <strong className="text-shared">convolutional network</strong> uses one
        small set of weights everywhere in the image (shared weights), while the{' '}
        <strong className="text-unshared">locally connected network</strong> learns a separate set for every position
        (unshared weights) — 58 times as many parameters.
      </p>
      <p className="mt-4 leading-relaxed">
        Draw a digit, move it around, and see what sharing weights buys: fewer parameters, and a network that treats a
        stroke the same wherever it appears.
      </p>
    </main>
  );
}
