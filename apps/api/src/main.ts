import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { ConfigError, parseConfig } from './config';

/** Starts the API: parse the environment once, build the app, listen. */
async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp(config);
  await app.listen(config.API_PORT, config.API_HOST);
  new Logger('Bootstrap').log(`API listening on http://${config.API_HOST}:${config.API_PORT} (docs at /docs)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
