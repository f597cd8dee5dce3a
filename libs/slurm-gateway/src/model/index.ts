export * from './job.js';
export * from './node.js';
export * from './partition.js';
export * from './reservation.js';
export * from './accounting.js';
export * from './job-history.js';
export * from './requests.js';
export * from './cluster.js';
