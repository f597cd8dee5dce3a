export { ClusterStateModule } from './cluster-state.module.js';
export { ClusterStateService } from './cluster-state.service.js';
export type { ClusterStateStats } from './cluster-runtime.js';
export type { SnapshotChange, SnapshotKind, SnapshotListener } from './cluster-state.types.js';
export { JobSnapshot, NodeSnapshot, Snapshot } from './snapshot.js';
export { SLURM_CALL_KINDS, type SlurmCallKind } from './slurm-source.js';
