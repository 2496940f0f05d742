import { PassingResult, TrainRequest, TrainRequestList, type CreateTrainRequest } from '@railjoint/contracts';
import { request } from '../../api/client';

/** How far ahead the incident page looks for trains: long enough to have one stopped in time. */
export const NEAR_WINDOW_S = 30 * 60;

export const trainsApi = {
  passing: (lineId: string, mileage: string, signal?: AbortSignal) => request('GET', '/api/trains/passing', { query: { lineId, mileage, windowS: NEAR_WINDOW_S }, schema: PassingResult, signal }),
  requests: async (incidentId: string, signal?: AbortSignal) => (await request('GET', `/api/incidents/${encodeURIComponent(incidentId)}/train-requests`, { schema: TrainRequestList, signal })).requests,
  ask: (incidentId: string, body: CreateTrainRequest) => request('POST', `/api/incidents/${encodeURIComponent(incidentId)}/train-requests`, { body, schema: TrainRequest }),
};
