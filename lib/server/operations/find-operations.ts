import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/server/db/client';
import type { OperationDto, OperationStatus } from '@/lib/operations/dto';

const select = {
  id: true,
  type: true,
  params: true,
  status: true,
  error: true,
  attempts: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  chain: { select: { slug: true, name: true } },
  requestedBy: { select: { email: true } },
  needsApproval: true,
  approvedBy: { select: { email: true } },
  steps: {
    select: { position: true, name: true, status: true, detail: true, startedAt: true, finishedAt: true },
    orderBy: { position: 'asc' },
  },
} satisfies Prisma.OperationSelect;

function toDto(o: Prisma.OperationGetPayload<{ select: typeof select }>): OperationDto {
  const end = o.finishedAt ?? new Date();
  return {
    id: o.id,
    chain: o.chain,
    type: o.type,
    params: o.params,
    status: o.status,
    error: o.error,
    requestedBy: o.requestedBy?.email ?? null,
    createdAt: o.createdAt.toISOString(),
    startedAt: o.startedAt?.toISOString() ?? null,
    finishedAt: o.finishedAt?.toISOString() ?? null,
    durationSeconds: Math.round((end.getTime() - o.createdAt.getTime()) / 100) / 10,
    attempts: o.attempts,
    awaitingApproval: o.needsApproval && !o.approvedBy && o.status === 'queued',
    approvedBy: o.approvedBy?.email ?? null,
    steps: o.steps.map((s) => ({
      ...s,
      startedAt: s.startedAt.toISOString(),
      finishedAt: s.finishedAt?.toISOString() ?? null,
    })),
  };
}

export async function findOperation(id: string): Promise<OperationDto | null> {
  const o = await db.operation.findUnique({ where: { id }, select });
  return o && toDto(o);
}

export type OperationFilter = { chain?: string; status?: OperationStatus; type?: string; take?: number };

/** The newest operations, filtered; the chain page and the operations page. */
export async function findOperations(filter: OperationFilter): Promise<OperationDto[]> {
  const rows = await db.operation.findMany({
    where: {
      ...(filter.chain ? { chain: { slug: filter.chain } } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.type ? { type: filter.type } : {}),
    },
    select,
    orderBy: { createdAt: 'desc' },
    take: filter.take ?? 50,
  });
  return rows.map(toDto);
}
