import { HomeLab } from './_components/HomeLab';

// Served as built, to every visitor (lib/http/prerendered-pages.ts): the models and a lab link's
// state are read in the browser. 'error' keeps it so: a request-time API here fails the build.
export const dynamic = 'error';

export default function Home() {
  return (
    <main className="mx-auto grid max-w-6xl gap-4 px-3 py-4 sm:px-6 lg:gap-6 lg:py-6">
      <HomeLab />
    </main>
  );
}
