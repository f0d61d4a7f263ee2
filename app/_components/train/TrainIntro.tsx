/** What the race is, in a few sentences (the /train page and the evidence page's panel). */
export function TrainIntro() {
  return (
    <div className="grid max-w-4xl gap-2 leading-relaxed text-slate-700">
      <p>
        Two networks learn from scratch, side by side, here in your browser: by default a CNN, whose 5×5 filters are shared by every
        position, and an LCN with the same topology but its own filters at every position (58× the parameters). Both start from the same
        seeded initialisation and see the same batches in the same order, with the recipe the published models were trained with (Adam,
        learning rate 3e-3 × 0.85 per epoch, batches of 64). After every few steps they are tested on 1,000 MNIST test digits neither has
        seen.
      </p>
      <p>
        Fewer digits is where sharing should help most: try 100 or 300 against 5,000. The training digits (the first 5,000 of the MNIST
        training set, about 0.8 MB) download when this panel opens.
      </p>
      <p className="text-sm">
        MNIST handwritten digit database by Yann LeCun, Corinna Cortes and Christopher J. C. Burges, under the Creative Commons
        Attribution-Share Alike 3.0 licence.
      </p>
    </div>
  );
}
