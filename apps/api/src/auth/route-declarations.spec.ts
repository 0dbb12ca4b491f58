import { Controller, Get, type INestApplication, Module, type NestApplicationOptions, Post } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { Access, Public } from './access.decorator';
import { assertEveryRouteDeclared } from './route-declarations';

@Controller('declared')
class DeclaredController {
  @Get()
  @Access('read', { project: 'query', list: true })
  list(): string {
    return 'ok';
  }

  @Get('open')
  @Public()
  open(): string {
    return 'ok';
  }

  /** Not a route: a helper method on the controller needs no rule. */
  format(): string {
    return 'ok';
  }
}

@Controller('forgotten')
class ForgottenController {
  @Get()
  @Access('read')
  read(): string {
    return 'ok';
  }

  @Post()
  write(): string {
    return 'ok';
  }
}

async function appWith(...controllers: (new () => object)[]): Promise<INestApplication> {
  @Module({ imports: [DiscoveryModule], controllers })
  // eslint-disable-next-line @typescript-eslint/no-extraneous-class -- a Nest module: its decorator is the wiring
  class TestModule {}
  // Nest declares the options as a class but reads a plain object (as app.factory.ts does)
  const options: Partial<NestApplicationOptions> = { logger: false };
  return NestFactory.create(TestModule, options);
}

describe('assertEveryRouteDeclared', () => {
  const apps: INestApplication[] = [];
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
  });

  it('accepts controllers whose every route declares @Access or @Public', async () => {
    const app = await appWith(DeclaredController);
    apps.push(app);
    expect(() => assertEveryRouteDeclared(app)).not.toThrow();
  });

  it('refuses to boot with a route that declares neither, naming that handler only', async () => {
    const app = await appWith(DeclaredController, ForgottenController);
    apps.push(app);
    expect(() => assertEveryRouteDeclared(app)).toThrow(
      'Route handlers without an access rule (add @Access(...) or @Public() from apps/api/src/auth): ForgottenController.write',
    );
  });
});
