import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const AUDIT_RESULTS = ['success', 'denied', 'failed'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

/** One mutation (or attempt) by a principal: who, as which Slurm user, on what, with what result. */
@Entity('audit_log')
export class AuditLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Index()
  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  @Index()
  @Column({ name: 'principal_id', type: 'text', nullable: true })
  principalId!: string | null;

  @Column({ name: 'principal_name', type: 'text', nullable: true })
  principalName!: string | null;

  @Column({ name: 'slurm_user', type: 'text', nullable: true })
  slurmUser!: string | null;

  @Column({ type: 'text', nullable: true })
  cluster!: string | null;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text' })
  target!: string;

  @Column({ type: 'text' })
  result!: AuditResult;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  details!: Record<string, unknown>;
}
