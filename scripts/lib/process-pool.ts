// A pool of identical server processes sharing one listening port (node:cluster: the first process to
// listen opens the port, connections are handed out in turn). A process that dies is replaced; processes
// that keep dying end the pool, so a broken build or setting fails loudly instead of restarting for ever.
import cluster from 'node:cluster';
import type { Worker } from 'node:cluster';

export type ProcessPool = {
  /** The pids serving now. */
  pids: () => number[];
  /** Stops every process (SIGTERM, then SIGKILL after the grace period); resolves when all have ended. */
  stop: () => Promise<void>;
};

export type ProcessPoolOptions = {
  exec: string;
  args: string[];
  processes: number;
  env?: Record<string, string>;
  /** Called when the pool gives up (too many deaths in a minute). */
  onGiveUp: (reason: string) => void;
  log?: (line: string) => void;
  graceMs?: number;
};

const CRASH_WINDOW_MS = 60_000;

export function startProcessPool(options: ProcessPoolOptions): ProcessPool {
  const { processes, log = console.log, graceMs = 10_000 } = options;
  // execArgv: [] because the scripts run under tsx and the react-server condition; the pool's programs must not.
  cluster.setupPrimary({ exec: options.exec, args: options.args, execArgv: [] });
  const workers = new Set<Worker>();
  const deaths: number[] = [];
  let stopping = false;

  const fork = () => {
    const worker = cluster.fork(options.env ?? {});
    workers.add(worker);
    worker.on('exit', (code, signal) => {
      workers.delete(worker);
      if (stopping) return;
      const now = Date.now();
      deaths.push(now);
      while (deaths[0]! < now - CRASH_WINDOW_MS) deaths.shift();
      const how = signal ?? `exit code ${code}`;
      // Up to twice the pool's size within a minute is a bad moment (out of memory, a kill); more is a crash loop.
      if (deaths.length > Math.max(2, processes * 2)) {
        stopping = true;
        for (const w of workers) w.process.kill('SIGTERM');
        options.onGiveUp(`server processes keep ending (${deaths.length} in the last minute, the last with ${how})`);
        return;
      }
      log(`Server process ${worker.process.pid} ended (${how}); starting another.`);
      fork();
    });
  };
  for (let i = 0; i < processes; i++) fork();

  return {
    pids: () => [...workers].map((w) => w.process.pid!).filter(Boolean),
    stop: () => {
      stopping = true;
      const ended = [...workers].map(
        (w) => new Promise<void>((resolve) => (w.isDead() ? resolve() : w.once('exit', () => resolve()))),
      );
      for (const w of workers) w.process.kill('SIGTERM');
      const force = setTimeout(() => {
        for (const w of workers) w.process.kill('SIGKILL');
      }, graceMs);
      return Promise.all(ended).then(() => clearTimeout(force));
    },
  };
}
