import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto grid max-w-2xl gap-4 px-4 py-16">
      <h1 className="text-3xl font-bold">Not found</h1>
      <p>There is nothing at this address. A shared result link may be mistyped or incomplete.</p>
      <p>
        <Link href="/" className="text-blue-800 underline">
          Go to the lab
        </Link>
      </p>
    </main>
  );
}
