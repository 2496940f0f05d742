/**
 * Who may do what: the one place access is decided. Role-only actions are in policies/actions.ts;
 * each kind of agency data has its read rule as data (policies/grants.ts explains the form) beside
 * the functions services call; READ_POLICIES lists them all for the access-matrix test.
 */
export * from './policies/actions.js';
export * from './policies/grants.js';
export * from './policies/incidents.js';
export * from './policies/tasks.js';
export * from './policies/units.js';
export * from './policies/bulletins.js';
export * from './policies/sitreps.js';
export * from './policies/messages.js';
export * from './policies/agreements.js';
export * from './policies/patrols.js';
export * from './policies/public-reports.js';
export * from './policies/devices.js';
export * from './policies/maintenance.js';
export * from './policies/alerts.js';
export * from './policies/federation.js';
export * from './policies/catalogue.js';

// ---- sign-in: the second-factor policy ----------------------------------------------------
export * from './auth/mfa-policy.js';
