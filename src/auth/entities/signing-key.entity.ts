import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * The gateway's JWT signing key pair when none is configured through files: generated once by
 * the first process and shared by all through Postgres (the private key is stored in clear, so
 * production sites should prefer AUTH_JWT_PRIVATE_KEY_FILE).
 */
@Entity('auth_signing_keys')
export class SigningKeyEntity {
  @PrimaryColumn({ type: 'text' })
  kid!: string;

  @Column({ name: 'private_key_pem', type: 'text' })
  privateKeyPem!: string;

  @Column({ name: 'public_key_pem', type: 'text' })
  publicKeyPem!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
