// Incidents: when the health signal went bad and when it came back, from the 5-minute samples.
import { SAMPLE_MINUTES } from './sla-math';

export type HealthPoint = { at: Date; value: number };

export type Incident = {
  start: Date;
  /** End of the last unhealthy sample; null while the incident goes on (the newest sample is unhealthy). */
  end: Date | null;
  /** Unhealthy measured minutes within the incident (unmeasured gaps inside it are not counted). */
  badMinutes: number;
  /** Lowest health value seen during it (0 = all checkers failing). */
  worst: number;
};

const SAMPLE_MS = SAMPLE_MINUTES * 60_000;
// An unmeasured gap of up to this long between two unhealthy samples keeps them one incident.
const INCIDENT_BRIDGE_MS = 15 * 60_000;

/** Samples in time order. A sample below 1 (not every checker healthy) is unhealthy. */
export function findIncidents(points: HealthPoint[]): Incident[] {
  const incidents: Incident[] = [];
  let open: (Incident & { lastBad: number }) | null = null;
  for (const p of points) {
    const t = p.at.getTime();
    if (p.value >= 1) {
      if (open) incidents.push(close(open));
      open = null;
      continue;
    }
    if (open && t - (open.lastBad + SAMPLE_MS) > INCIDENT_BRIDGE_MS) {
      incidents.push(close(open));
      open = null;
    }
    if (!open) open = { start: p.at, end: null, badMinutes: 0, worst: 1, lastBad: t };
    open.badMinutes += SAMPLE_MINUTES;
    open.worst = Math.min(open.worst, p.value);
    open.lastBad = t;
  }
  if (open) incidents.push({ start: open.start, end: null, badMinutes: open.badMinutes, worst: open.worst });
  return incidents;
}

function close(open: Incident & { lastBad: number }): Incident {
  return { start: open.start, end: new Date(open.lastBad + SAMPLE_MS), badMinutes: open.badMinutes, worst: open.worst };
}

/** The part of an incident inside [from, to): for a month's report, an incident spanning months is split. */
export function clipIncident(incident: Incident, from: Date, to: Date, points: HealthPoint[]): Incident | null {
  const end = incident.end ?? to;
  if (end <= from || incident.start >= to) return null;
  const inside = points.filter((p) => p.value < 1 && p.at >= from && p.at < to && p.at >= incident.start && p.at < end);
  return {
    start: incident.start < from ? from : incident.start,
    end: incident.end && incident.end <= to ? incident.end : incident.end ? to : null,
    badMinutes: inside.length * SAMPLE_MINUTES,
    worst: inside.reduce((m, p) => Math.min(m, p.value), 1),
  };
}
