import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/index.js';
import { dataSourceOptions } from './data-source-options.js';
import { DatabaseHealth } from './database.health.js';

/**
 * The Postgres connection. Domain modules register their entities with
 * `TypeOrmModule.forFeature([...])` (autoLoadEntities) and their schema with a migration in
 * `src/database/migrations/` — never `synchronize`.
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.database),
        autoLoadEntities: true,
        retryAttempts: 3,
        retryDelay: 1000,
      }),
    }),
  ],
  providers: [DatabaseHealth],
  exports: [DatabaseHealth],
})
export class DatabaseModule {}
