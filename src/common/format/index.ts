export { formatDuration, formatMinutes, parseDuration } from './duration.js';
export { formatMemory, parseMemory } from './memory.js';
export { nowIso, parseIsoToEpoch, toIso } from './time.js';
