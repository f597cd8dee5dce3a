import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AppConfig } from './app-config.js';
import { processConfig, type ConfigValues } from './load-config.js';

/** Provides `AppConfig` to the whole application. */
@Global()
@Module({})
export class ConfigModule {
  /** `values` defaults to the configuration read from the process environment. */
  static forRoot(values?: ConfigValues): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: AppConfig, useFactory: () => new AppConfig(values ?? processConfig()) },
      ],
      exports: [AppConfig],
    };
  }
}
