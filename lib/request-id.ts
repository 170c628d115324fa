/** The request's id: set by proxy.ts on every request (replacing any sent), returned as X-Request-Id, audited. */
export const REQUEST_ID_HEADER = 'x-request-id';
