export type NetworkErrorCode = 'unknown_line' | 'bad_mileage' | 'short_chain_gap' | 'prefix_not_on_line' | 'beyond_line';

/** A question the network cannot answer, with a code the API turns into a client error. */
export class NetworkError extends Error {
  constructor(
    readonly code: NetworkErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'NetworkError';
  }
}
