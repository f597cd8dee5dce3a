import type { SlurmErrorKind } from '../slurm.error.js';

/**
 * Slurm error numbers (slurm_errno.h; messages as slurm_strerror prints them, checked on
 * 22.05 and 24.11) and the kind of failure the API reports for each. Numbers not listed
 * fall back to the HTTP status (kindFromHttpStatus). The README documents this table.
 */
const TABLE: readonly (readonly [number, Exclude<SlurmErrorKind, 'internal'>, string])[] = [
  [1, 'unauthorized', 'Operation not permitted'],
  [13, 'unauthorized', 'Permission denied'],
  [22, 'invalid', 'Invalid argument'],
  [1001, 'unavailable', 'Communication connection failure'],
  [1007, 'unauthorized', 'Protocol authentication error'],
  [1800, 'unavailable', 'Unable to contact slurm controller (connect failure)'],
  [1801, 'unavailable', 'Unable to contact slurm controller (send failure)'],
  [1802, 'unavailable', 'Unable to contact slurm controller (receive failure)'],
  [1803, 'unavailable', 'Unable to contact slurm controller (shutdown failure)'],
  [2000, 'invalid', 'Invalid partition name specified'],
  [2001, 'invalid', 'No partition specified or system default partition'],
  [2002, 'unauthorized', 'Access/permission denied'],
  [2003, 'invalid', "User's group not permitted to use this partition"],
  [2004, 'invalid', 'Requested nodes not in this partition'],
  [2005, 'invalid', 'More processors requested than permitted'],
  [2006, 'invalid', 'Node count specification invalid'],
  [2007, 'unavailable', 'Unable to create job record, try again'],
  [2008, 'invalid', 'Job size specification needs to be provided'],
  [2009, 'invalid', 'Job script not specified'],
  [2010, 'invalid', 'Invalid user id'],
  [2011, 'conflict', 'Duplicate job id'],
  [2012, 'invalid', 'Pathname of a file, directory or other parameter too long'],
  [2014, 'invalid', 'Requested node configuration is not available'],
  [2015, 'invalid', 'Requested partition configuration not available now'],
  [2016, 'conflict', 'Requested nodes are busy'],
  [2017, 'not_found', 'Invalid job id specified'],
  [2018, 'not_found', 'Invalid node name specified'],
  [2020, 'conflict', 'Job can not be altered now, try again later'],
  [2021, 'conflict', 'Job/step already completing or completed'],
  [2023, 'invalid', 'Task distribution specification invalid'],
  [2024, 'conflict', 'Job is pending execution'],
  [2025, 'invalid', 'Task count specification invalid'],
  [2027, 'unavailable', 'Slurm backup controller in standby mode'],
  [2028, 'invalid', 'Invalid node state specified'],
  [2029, 'invalid', 'Invalid feature specification'],
  [2031, 'invalid', 'Active features not subset of available features'],
  [2038, 'invalid', 'Job dependency problem'],
  [2041, 'invalid', 'Requested more tasks than available processors'],
  [2042, 'conflict', 'Job is in held state, pending scheduler release'],
  [2044, 'invalid', 'Memory required by task is not available'],
  [2045, 'invalid', 'Invalid account or account/partition combination specified'],
  [2046, 'invalid', 'Invalid parent account specified'],
  [2048, 'invalid', 'Invalid license specification'],
  [
    2050,
    'invalid',
    "Job violates accounting/QOS policy (job submit limit, user's size and/or time limits)",
  ],
  [2051, 'invalid', 'Requested time limit is invalid (missing or exceeds some limit)'],
  [2052, 'invalid', 'Access denied to requested reservation'],
  [2053, 'not_found', 'Requested reservation is invalid'],
  [2054, 'invalid', 'Invalid time specified'],
  [2055, 'conflict', 'Requested reservation is in use'],
  [2057, 'invalid', 'Invalid wckey specification'],
  [2058, 'conflict', 'Requested reservation overlaps with another reservation'],
  [2061, 'conflict', 'PrologSlurmctld is still running'],
  [2066, 'invalid', 'Invalid qos specification'],
  [2069, 'invalid', 'CPU count specification invalid'],
  [2071, 'invalid', 'Circular job dependency'],
  [2072, 'invalid', 'Invalid generic resource (gres) specification'],
  [2073, 'conflict', 'Job is no longer pending execution'],
  [2075, 'conflict', 'Partition is in use'],
  [2077, 'conflict', 'Job is current suspended, requested operation disabled'],
  [2081, 'invalid', 'Invalid job array specification'],
  [2082, 'conflict', 'Duplicate reservation name'],
  [2083, 'conflict', 'Job has already started'],
  [2084, 'conflict', 'Job has already finished'],
  [2085, 'conflict', 'Job is not running'],
  [2086, 'conflict', 'Job is not pending nor running'],
  [2087, 'conflict', 'Job is not suspended'],
  [2088, 'conflict', 'Job is not finished'],
  [2092, 'unauthorized', 'Burst Buffer permission denied'],
  [2099, 'invalid', 'Invalid mcs_label specified'],
  [
    2103,
    'conflict',
    'Job update not available right now, the DB index is being set, try again in a bit',
  ],
  [2104, 'conflict', 'Reservation already started'],
  [2105, 'unavailable', 'System submissions disabled'],
  [2113, 'invalid', 'Invalid group id'],
  [2115, 'invalid', 'Invalid Trackable RESource (TRES) specification'],
  [2119, 'invalid', 'Invalid GRES specification (with and without type identification)'],
  [2120, 'conflict', 'Reboot already in progress'],
  [2123, 'invalid', 'Invalid --nice value'],
  [2124, 'invalid', "Invalid time-min specification (exceeds job's time or other limits)"],
  [2127, 'invalid', 'Environment is missing in job'],
  [2131, 'unavailable', 'Controller is in standby mode, try a different controller'],
  [2133, 'invalid', 'Invalid preferred feature specification'],
  [3001, 'invalid', 'Bad argument'],
  [5004, 'unavailable', 'Socket timed out on send/recv operation'],
  [6000, 'unauthorized', 'Invalid authentication credential'],
  [6006, 'unauthorized', 'Authentication credential invalid'],
  [6008, 'unauthorized', 'Authentication does not apply to request'],
  [7000, 'unavailable', 'Unable to connect to database'],
  [7001, 'conflict', 'Job(s) active, cancel job(s) before remove'],
  [7004, 'invalid', "Unacceptable name given. (No '.' in name allowed)"],
  [7008, 'unavailable', 'Database connection reference is invalid'],
  [7009, 'conflict', 'You can not remove the default account of a user'],
  [7104, 'invalid', 'Invalid cluster name'],
  [8000, 'invalid', 'Time limit specification required, but not provided'],
  [9000, 'invalid', 'Query empty or not RFC7320 compliant'],
  [9001, 'invalid', 'Failure during parsing'],
  [9002, 'invalid', 'Jobs description entry not found, empty or not dictionary or list'],
  [9003, 'not_found', 'Nothing found with query'],
  [9200, 'invalid', 'Unable to resolve path'],
  [9202, 'invalid', 'Unable to convert Data type'],
];

const BY_NUMBER = new Map<number, SlurmErrorKind>(TABLE.map(([n, kind]) => [n, kind]));

/** Kind for a Slurm error number, or null when the table does not know it. */
export function kindFromErrorNumber(errorNumber: number | null): SlurmErrorKind | null {
  if (errorNumber === null || errorNumber === 0) return null;
  return BY_NUMBER.get(errorNumber) ?? null;
}

/**
 * The error number whose message occurs in a CLI's text output (scontrol prints
 * slurm_strerror's message, not the number); longest message wins.
 */
export function errorNumberFromText(text: string): number | null {
  const lower = text.toLowerCase();
  let best: readonly [number, string, string] | null = null;
  for (const entry of TABLE) {
    const message = entry[2].toLowerCase();
    if (message && lower.includes(message) && (!best || message.length > best[2].length)) {
      best = entry;
    }
  }
  return best ? best[0] : null;
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

/** The table, for documentation and tests. */
export function errnoTable(): readonly (readonly [number, SlurmErrorKind, string])[] {
  return TABLE;
}
