// What the operations API and pages hand to the browser: plain JSON shapes, shared by the server that
// makes them and the client components that render them.

export type OperationStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'rolled_back';

export type OperationDto = {
  id: string;
  chain: { slug: string; name: string };
  type: string;
  params: unknown;
  status: OperationStatus;
  error: string | null;
  requestedBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Seconds from request to end (or to now while it runs). */
  durationSeconds: number | null;
  attempts: number;
  /** Waiting for a second person: needs approval and has none yet. */
  awaitingApproval: boolean;
  approvedBy: string | null;
  steps: {
    position: number;
    name: string;
    status: string;
    detail: string | null;
    startedAt: string;
    finishedAt: string | null;
  }[];
};

export type WaveDto = {
  id: string;
  type: string;
  status: string;
  error: string | null;
  createdAt: string;
  batchSize: number;
  chains: { slug: string; status: string }[];
};
