import Link from 'next/link';

const tabs = [
  { key: 'overview', label: 'Deployment', href: (s: string) => `/chains/${s}` },
  { key: 'sla', label: 'SLA health', href: (s: string) => `/chains/${s}/sla` },
  { key: 'contract', label: 'Contract', href: (s: string) => `/chains/${s}/contract` },
  { key: 'report', label: 'SLA report', href: (s: string) => `/chains/${s}/report` },
  { key: 'flags', label: 'Flags', href: (s: string) => `/chains/${s}/flags` },
  // The chain's own trail, on the audit page (each viewer sees what their role may).
  { key: 'audit', label: 'Audit trail', href: (s: string) => `/audit?chain=${s}` },
] as const;

/** The chain's pages. Every page checks the caller itself: a tab shown is not a permission granted. */
export function ChainTabs({ slug, current }: { slug: string; current: (typeof tabs)[number]['key'] }) {
  return (
    <nav aria-label="Chain" className="mt-4 flex gap-1 border-b border-slate-200 text-sm print:hidden">
      {tabs.map((t) => (
        <Link
          key={t.key}
          href={t.href(slug)}
          aria-current={t.key === current ? 'page' : undefined}
          className={`-mb-px border-b-2 px-3 py-2 ${t.key === current ? 'border-blue-700 font-medium text-blue-800' : 'border-transparent text-slate-600 hover:text-slate-950'}`}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
