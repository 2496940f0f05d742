export type NetworkErrorCode = 'unknown_line' | 'bad_mileage' | 'short_chain_gap' | 'prefix_not_on_line' | 'beyond_line';

import { Said } from '../../platform/http/errors.js';

/**
 * A question the network cannot answer, with a code the API turns into a client error and the
 * reason in both languages (the CLI prints the English).
 */
export class NetworkError extends Error {
  constructor(
    readonly code: NetworkErrorCode,
    readonly said: Said,
  ) {
    super(said.en);
    this.name = 'NetworkError';
  }
}
