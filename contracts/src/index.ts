export * from './common.js';
export * from './mileage.js';
export * from './network.js';
export * from './organisation.js';
export * from './auth.js';
export * from './trains.js';
export * from './incidents.js';
export * from './audit.js';
