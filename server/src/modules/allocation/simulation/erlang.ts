/**
 * Erlang's formulas for one pool of c identical servers with Poisson arrivals and exponential
 * service (M/M/c): the yardstick the simulator is checked against. Computed by the stable
 * recurrence B(k) = a·B(k−1) / (k + a·B(k−1)), so hundreds of servers do not overflow factorials.
 */

/** Erlang B: probability that an arrival finds all c servers busy when it would be lost (M/M/c/c). */
export function erlangB(servers: number, offeredLoad: number): number {
  if (!Number.isInteger(servers) || servers < 1) throw new RangeError('servers must be a positive integer');
  if (!(offeredLoad >= 0)) throw new RangeError('the offered load cannot be negative');
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (offeredLoad * b) / (k + offeredLoad * b);
  return b;
}

/** Erlang C: probability that an arrival has to wait (M/M/c with an unlimited queue); needs a < c. */
export function erlangC(servers: number, offeredLoad: number): number {
  if (offeredLoad >= servers) throw new RangeError('the offered load must be below the number of servers, or the queue grows without end');
  const b = erlangB(servers, offeredLoad);
  return (servers * b) / (servers - offeredLoad * (1 - b));
}

export interface MmcFigures {
  /** probability of waiting */
  waitProbability: number;
  /** mean wait in queue over all arrivals, in the unit of the service time */
  meanWait: number;
  /** mean servers busy over c */
  utilisation: number;
}

/** M/M/c with arrival rate λ and mean service time 1/μ (any one time unit). */
export function mmc(servers: number, arrivalRate: number, meanServiceTime: number): MmcFigures {
  const a = arrivalRate * meanServiceTime;
  const c = erlangC(servers, a);
  return { waitProbability: c, meanWait: (c * meanServiceTime) / (servers - a), utilisation: a / servers };
}
