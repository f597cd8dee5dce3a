import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Round trip to Postgres for /v1/status. */
@Injectable()
export class DatabaseHealth {
  constructor(private readonly dataSource: DataSource) {}

  async check(): Promise<void> {
    if (!this.dataSource.isInitialized) throw new Error('database connection not initialised');
    await this.dataSource.query('SELECT 1');
  }
}
