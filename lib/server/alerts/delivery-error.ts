// A failed send, said once: transient (the receiver may take it later: retried with backoff) or permanent
// (it refused it, or we cannot send at all: failed at once, with the reason).
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    message: string,
    readonly transient: boolean,
  ) {
    super(message);
  }
}

export const transientError = (message: string) => new DeliveryError(message, true);
export const permanentError = (message: string) => new DeliveryError(message, false);
