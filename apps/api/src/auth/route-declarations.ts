import type { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { ACCESS_METADATA, PUBLIC_METADATA } from './access.decorator';

/**
 * Deny by default, checked at boot: every route handler declares @Access(...) or @Public(), or
 * the API does not start. The message names each handler that declares neither.
 */
export function assertEveryRouteDeclared(app: INestApplication): void {
  const discovery = app.get(DiscoveryService);
  const scanner = new MetadataScanner();
  const undeclared: string[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as object | undefined;
    if (!instance || !wrapper.metatype) continue;
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name] as object;
      if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined || Reflect.getMetadata(PATH_METADATA, handler) === undefined)
        continue;
      if (Reflect.getMetadata(ACCESS_METADATA, handler) || Reflect.getMetadata(PUBLIC_METADATA, handler)) continue;
      undeclared.push(`${wrapper.metatype.name}.${name}`);
    }
  }
  if (undeclared.length > 0) {
    throw new Error(
      `Route handlers without an access rule (add @Access(...) or @Public() from apps/api/src/auth): ${undeclared.join(', ')}`,
    );
  }
}
