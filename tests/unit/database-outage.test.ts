import { describe, expect, it } from 'vitest';
import { unreachableReason } from '@/lib/database-outage.mjs';

// Which failed queries mean the database cannot be reached (the server then answers 503 until a probe reaches
// it) and which are the query's own fault (a bug or a conflict, answered as before).

const socketError = (code: string) =>
  Object.assign(new Error(`connect ${code} 10.0.4.17:5432`), { code, errno: -111, syscall: 'connect' });

describe('unreachableReason', () => {
  it('names a refused, reset or timed-out connection, through the causes the adapter wraps it in', () => {
    expect(unreachableReason(socketError('ECONNREFUSED'))).toBe('connection failed (ECONNREFUSED)');
    const wrapped = Object.assign(new Error('driver adapter error'), { cause: { kind: 'ConnectionClosed' } });
    expect(unreachableReason(wrapped)).toBe('connection failed (ConnectionClosed)');
    expect(unreachableReason(new Error('Connection terminated unexpectedly'))).toBe('connection closed or not opened');
    expect(unreachableReason(new Error('timeout exceeded when trying to connect'))).toBe(
      'connection closed or not opened',
    );
  });

  it('counts a server shutting down or a broken connection by its PostgreSQL code', () => {
    expect(
      unreachableReason({ originalCode: '57P01', message: 'terminating connection due to administrator command' }),
    ).toBe('the server refused the connection (57P01)');
    expect(unreachableReason({ code: '08006', message: 'connection failure' })).toBe(
      'the server refused the connection (08006)',
    );
  });

  it("is null for a query's own failure: a constraint, a bad statement, a conflict", () => {
    expect(unreachableReason({ code: '23505', message: 'duplicate key value violates unique constraint' })).toBeNull();
    expect(unreachableReason({ originalCode: '42P01', message: 'relation "Nope" does not exist' })).toBeNull();
    expect(unreachableReason(new Error('Record to update not found.'))).toBeNull();
    expect(unreachableReason(undefined)).toBeNull();
  });

  it('never carries the server address the message named (the 503 page is shown to anyone)', () => {
    const reason = unreachableReason(new Error("Can't reach database server at 10.0.4.17:5432"));
    expect(reason).toBe('connection closed or not opened');
  });
});
