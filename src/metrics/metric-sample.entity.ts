import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

export type SampleResolution = 'raw' | 'hour';

/** One utilization sample of a cluster (raw), or the mean of an hour of them (hour). */
@Entity({ name: 'metric_samples' })
@Unique('metric_samples_cluster_resolution_ts', ['cluster', 'resolution', 'ts'])
export class MetricSample {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  cluster!: string;

  @Column({ type: 'text' })
  resolution!: SampleResolution;

  @Column({ type: 'timestamptz' })
  ts!: Date;

  @Column({ name: 'sample_count', type: 'integer', default: 1 })
  sampleCount!: number;

  @Column({ name: 'cpu_percent', type: 'double precision' })
  cpuPercent!: number;

  @Column({ name: 'memory_percent', type: 'double precision' })
  memoryPercent!: number;

  @Column({ name: 'gpu_percent', type: 'double precision' })
  gpuPercent!: number;

  @Column({ name: 'cpus_alloc', type: 'double precision' })
  cpusAlloc!: number;

  @Column({ name: 'cpus_total', type: 'double precision' })
  cpusTotal!: number;

  @Column({ name: 'memory_alloc_mb', type: 'double precision' })
  memoryAllocMb!: number;

  @Column({ name: 'memory_total_mb', type: 'double precision' })
  memoryTotalMb!: number;

  @Column({ name: 'gpus_alloc', type: 'double precision' })
  gpusAlloc!: number;

  @Column({ name: 'gpus_total', type: 'double precision' })
  gpusTotal!: number;

  @Column({ name: 'jobs_running', type: 'double precision' })
  jobsRunning!: number;

  @Column({ name: 'jobs_pending', type: 'double precision' })
  jobsPending!: number;

  @Column({ name: 'pending_wait_seconds', type: 'double precision' })
  pendingWaitSeconds!: number;

  /** host:pid of the process that took the sample (diagnostics: who was the sampler). */
  @Column({ name: 'sampled_by', type: 'text', nullable: true })
  sampledBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
