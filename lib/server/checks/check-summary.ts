import type { CheckItem, CheckStatus } from './check-items';

// The nightly check's summary e-mail, rendered once when queued: a subject, a plain-text body and an HTML body
// in which everything that came from data (chain names, details, addresses) is escaped.

export type SummaryChain = { slug: string; name: string; status: CheckStatus; items: CheckItem[] };

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

const tally = (chains: SummaryChain[]) => {
  const n = { ok: 0, warn: 0, fail: 0 };
  for (const c of chains) n[c.status] += 1;
  return n;
};

export function renderCheckSummary(input: {
  audience: string;
  at: Date;
  chains: SummaryChain[];
  fleetItems?: CheckItem[];
  baseUrl?: string;
}): { subject: string; text: string; html: string } {
  const n = tally(input.chains);
  const day = input.at.toISOString().slice(0, 10);
  const subject = `Nightly check ${day}: ${n.fail} fail, ${n.warn} warn, ${n.ok} ok (${input.audience})`;
  // Failing chains first, then warnings; ok chains are counted, not listed item by item.
  const order: Record<CheckStatus, number> = { fail: 0, warn: 1, ok: 2 };
  const chains = [...input.chains].sort((a, b) => order[a.status] - order[b.status] || a.slug.localeCompare(b.slug));
  const flagged = (c: SummaryChain) => c.items.filter((i) => i.status !== 'ok');
  const link = (slug: string) => (input.baseUrl ? `${input.baseUrl}/chains/${encodeURIComponent(slug)}` : null);
  const text = [
    `Nightly check of ${day} (${input.audience}): ${n.fail} fail, ${n.warn} warn, ${n.ok} ok.`,
    '',
    ...chains.flatMap((c) => [
      `${c.status.toUpperCase()}  ${c.name} (${c.slug})${link(c.slug) ? `  ${link(c.slug)}` : ''}`,
      ...flagged(c).map((i) => `    ${i.status}  ${i.check}: ${i.detail}`),
    ]),
    ...(input.fleetItems?.length
      ? ['', 'Fleet:', ...input.fleetItems.map((i) => `    ${i.status}  ${i.check}: ${i.detail}`)]
      : []),
  ].join('\n');
  const row = (c: SummaryChain) => {
    const name = escapeHtml(`${c.name} (${c.slug})`);
    const href = link(c.slug);
    const items = flagged(c)
      .map((i) => `<li>${escapeHtml(`${i.status} ${i.check}: ${i.detail}`)}</li>`)
      .join('');
    return `<tr><td>${escapeHtml(c.status)}</td><td>${href ? `<a href="${escapeHtml(href)}">${name}</a>` : name}</td><td>${items ? `<ul>${items}</ul>` : 'all ok'}</td></tr>`;
  };
  const html = [
    `<h1>${escapeHtml(`Nightly check of ${day}`)}</h1>`,
    `<p>${escapeHtml(`${input.audience}: ${n.fail} fail, ${n.warn} warn, ${n.ok} ok.`)}</p>`,
    `<table><thead><tr><th>Status</th><th>Chain</th><th>Findings</th></tr></thead><tbody>${chains.map(row).join('')}</tbody></table>`,
    input.fleetItems?.length
      ? `<h2>Fleet</h2><ul>${input.fleetItems.map((i) => `<li>${escapeHtml(`${i.status} ${i.check}: ${i.detail}`)}</li>`).join('')}</ul>`
      : '',
  ].join('');
  return { subject, text, html };
}
