import type { SlurmErrorKind } from '../slurm.error.js';

/**
 * Slurm error numbers (slurm_errno.h, checked with slurm_strerror on 22.05 and 24.11)
 * grouped by the kind of failure the API reports. Numbers not listed fall back to the
 * HTTP status (see kindFromHttpStatus). The README documents this table.
 */
const TABLE: Record<Exclude<SlurmErrorKind, 'internal'>, readonly number[]> = {
  not_found: [
    2017, // Invalid job id specified
    2018, // Invalid node name specified
    2053, // Requested reservation is invalid
    9003, // Nothing found with query
  ],
  invalid: [
    22, // EINVAL
    2000, // Invalid partition name specified
    2001, // No partition specified or system default partition
    2003, // User's group not permitted to use this partition
    2004, // Requested nodes not in this partition
    2005, // More processors requested than permitted
    2006, // Node count specification invalid
    2008, // Job size specification needs to be provided
    2009, // Job script not specified
    2010, // Invalid user id
    2012, // Pathname ... too long
    2014, // Requested node configuration is not available
    2015, // Requested partition configuration not available now
    2023, // Task distribution specification invalid
    2025, // Task count specification invalid
    2028, // Invalid node state specified
    2029, // Invalid feature specification
    2031, // Active features not subset of available features
    2038, // Job dependency problem
    2041, // Requested more tasks than available processors
    2044, // Memory required by task is not available
    2045, // Invalid account or account/partition combination specified
    2046, // Invalid parent account specified
    2048, // Invalid license specification
    2050, // Job violates accounting/QOS policy
    2051, // Requested time limit is invalid
    2052, // Access denied to requested reservation
    2054, // Invalid time specified
    2057, // Invalid wckey specification
    2066, // Invalid qos specification
    2069, // CPU count specification invalid
    2071, // Circular job dependency
    2072, // Invalid generic resource (gres) specification
    2081, // Invalid job array specification
    2099, // Invalid mcs_label specified
    2113, // Invalid group id
    2115, // Invalid TRES specification
    2119, // Invalid GRES specification
    2123, // Invalid --nice value
    2124, // Invalid time-min specification
    2127, // Environment is missing in job
    2133, // Invalid preferred feature specification
    3001, // Bad argument
    7004, // Unacceptable name given
    7104, // Invalid cluster name
    8000, // Time limit specification required
    9000, // Query empty or not RFC7320 compliant
    9001, // Failure during parsing
    9002, // Jobs description entry not found, empty or not dictionary or list
    9200, // Unable to resolve path
    9202, // Unable to convert Data type
  ],
  conflict: [
    2011, // Duplicate job id
    2016, // Requested nodes are busy
    2020, // Job can not be altered now, try again later
    2021, // Job/step already completing or completed
    2024, // Job is pending execution
    2042, // Job is in held state, pending scheduler release
    2055, // Requested reservation is in use
    2058, // Requested reservation overlaps with another reservation
    2061, // PrologSlurmctld is still running
    2073, // Job is no longer pending execution
    2075, // Partition is in use
    2077, // Job is current suspended, requested operation disabled
    2082, // Duplicate reservation name
    2083, // Job has already started
    2084, // Job has already finished
    2085, // Job is not running
    2086, // Job is not pending nor running
    2087, // Job is not suspended
    2088, // Job is not finished
    2103, // Job update not available right now, DB index being set
    2104, // Reservation already started
    2120, // Reboot already in progress
    7001, // Job(s) active, cancel job(s) before remove
    7009, // You can not remove the default account of a user
  ],
  unauthorized: [
    1, // EPERM: Operation not permitted
    13, // EACCES
    1007, // Protocol authentication error
    2002, // Access/permission denied
    2092, // Burst Buffer permission denied
    6000, // Invalid authentication credential
    6006, // Authentication credential invalid
    6008, // Authentication does not apply to request
  ],
  unavailable: [
    1001, // Communication connection failure
    1800, // Unable to contact slurm controller (connect failure)
    1801, // ... (send failure)
    1802, // ... (receive failure)
    1803, // ... (shutdown failure)
    2007, // Unable to create job record, try again
    2027, // Slurm backup controller in standby mode
    2105, // System submissions disabled
    2131, // Controller is in standby mode
    5004, // Socket timed out on send/recv operation
    7000, // Unable to connect to database
    7008, // Database connection reference is invalid
  ],
};

const BY_NUMBER = new Map<number, SlurmErrorKind>();
for (const [kind, numbers] of Object.entries(TABLE) as [SlurmErrorKind, readonly number[]][]) {
  for (const n of numbers) BY_NUMBER.set(n, kind);
}

/** Kind for a Slurm error number, or null when the table does not know it. */
export function kindFromErrorNumber(errorNumber: number | null): SlurmErrorKind | null {
  if (errorNumber === null || errorNumber === 0) return null;
  return BY_NUMBER.get(errorNumber) ?? null;
}

/** Kind for an HTTP status of slurmrestd. */
export function kindFromHttpStatus(status: number): SlurmErrorKind {
  if (status === 401 || status === 403 || status === 511) return 'unauthorized';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  if (status >= 400 && status < 500) return 'invalid';
  return 'internal';
}

/** All numbers in the table, for documentation and tests. */
export function errnoTable(): ReadonlyMap<number, SlurmErrorKind> {
  return BY_NUMBER;
}
