/** The request's id: set by proxy.ts on every request (a caller's own UUID kept), returned as X-Request-Id, audited. */
export const REQUEST_ID_HEADER = 'x-request-id';
