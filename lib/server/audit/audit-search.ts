import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import { contractMoneyFields } from './audit-money';

// Full-text search over what an event says, on the GIN index of migration 20261203100000_audit_trail: the
// document below must stay the index's expression, character for character, or the index is not used.
// Every word of the search is parsed as the document is ("simple": no stemming, any language) and each of its
// lexemes must start a lexeme of the event: "burger" finds burger-barn, "p17" finds p170, an email finds itself.

const document = (before: Prisma.Sql, after: Prisma.Sql, detail: Prisma.Sql) =>
  Prisma.sql`to_tsvector('simple'::regconfig,
  coalesce(e."target", '') || ' ' || e."action" || ' ' || coalesce(e."actorEmail", '') || ' ' ||
  coalesce(${before}::text, '') || ' ' || coalesce(${after}::text, '') || ' ' || coalesce(${detail}::text, ''))`;

/**
 * A column's text without its money fields at any depth (audit-money.ts): jsonb's text writes each as
 * `"key": value`, a string or, for upgrades, a list.
 */
const withoutMoney = (column: 'before' | 'after' | 'detail') =>
  Prisma.sql`regexp_replace(${Prisma.raw(`e."${column}"`)}::text, ${`"(${[...contractMoneyFields].join('|')})": ("[^"]*"|\\[[^\\]]*\\])`}, '', 'g')`;

/**
 * The search as conditions: the indexed document matches; for a viewer who may not see money, the document
 * without the money matches too (a search must not find what the page would hide).
 */
export function searchConditions(q: string, showMoney: boolean): Prisma.Sql[] {
  const query = Prisma.sql`to_tsquery('simple'::regconfig, (SELECT string_agg(quote_literal(lexeme) || ':*', ' & ')
    FROM unnest(to_tsvector('simple'::regconfig, ${q}))))`;
  const indexed = Prisma.sql`${document(Prisma.raw('e."before"'), Prisma.raw('e."after"'), Prisma.raw('e."detail"'))} @@ ${query}`;
  if (showMoney) return [indexed];
  const cut = document(withoutMoney('before'), withoutMoney('after'), withoutMoney('detail'));
  return [indexed, Prisma.sql`${cut} @@ ${query}`];
}
