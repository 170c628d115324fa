import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg p-10">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600">There is no such page or chain.</p>
      <Link className="mt-4 inline-block text-blue-700 underline" href="/fleet">
        Back to the fleet
      </Link>
    </main>
  );
}
