/**
 * The benchmark's baseline: the smallest NestJS (Express) app that answers GET /v1/jobs with
 * a fixed page held in memory — what serving a page costs with no auth, no rate limit, no
 * filtering, no snapshot. Run as its own process:
 *
 *   PAGE_FILE=page.json PORT=8099 node bench/lib/baseline-app.mjs
 *
 * Plain JS (no build step), so Nest's decorators are applied as functions.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

const page = JSON.parse(readFileSync(process.env.PAGE_FILE ?? '', 'utf8'));

class PageController {
  jobs() {
    return page;
  }
}
Get('jobs')(
  PageController.prototype,
  'jobs',
  Object.getOwnPropertyDescriptor(PageController.prototype, 'jobs'),
);
Controller('v1')(PageController);

class BaselineModule {}
Module({ controllers: [PageController] })(BaselineModule);

const app = await NestFactory.create(BaselineModule, { logger: ['error'] });
await app.listen(Number(process.env.PORT ?? 8099), '127.0.0.1');
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
