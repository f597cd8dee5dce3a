import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

export type SubmissionStatus = 'pending' | 'submitted';

/** The answer a submission gave, replayed for a retried Idempotency-Key. */
export interface StoredSubmitResponse {
  job_id: string;
  state: string;
  message: string;
}

/**
 * One job submission through the API: the command and environment it was given (Slurm's
 * REST interface returns neither) and, with an Idempotency-Key, the claim that makes a
 * retried request return the first answer instead of submitting again.
 */
@Entity('job_submissions')
@Unique('job_submissions_principal_key', ['principalId', 'idempotencyKey'])
@Index('job_submissions_cluster_job', ['cluster', 'jobId'])
export class JobSubmissionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'principal_id', type: 'text' })
  principalId!: string;

  /** Released (set to null) once its time to live has passed, so the key can be used again. */
  @Column({ name: 'idempotency_key', type: 'text', nullable: true })
  idempotencyKey!: string | null;

  /** SHA-256 of the request (cluster + body): a reused key with another request is a conflict. */
  @Column({ name: 'request_hash', type: 'text' })
  requestHash!: string;

  @Column({ type: 'text' })
  cluster!: string;

  @Column({ name: 'slurm_user', type: 'text' })
  slurmUser!: string;

  @Column({ type: 'text' })
  status!: SubmissionStatus;

  @Column({ name: 'job_id', type: 'text', nullable: true })
  jobId!: string | null;

  @Column({ type: 'text', nullable: true })
  command!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  environment!: Record<string, string> | null;

  @Column({ type: 'jsonb', nullable: true })
  response!: StoredSubmitResponse | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
