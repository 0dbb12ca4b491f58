import { createLogger, runInJobContext } from './logger';

describe('worker logger', () => {
  it('writes one JSON object per line with level, worker, message and fields', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', workerId: 'host-1', write: (line) => lines.push(line) });
    logger.debug('hidden');
    logger.info('fold started', { experiment: 'e1', fold: 2 });
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as { time: string };
    expect(line).toMatchObject({
      level: 'info',
      service: 'atelier-worker',
      worker: 'host-1',
      msg: 'fold started',
      experiment: 'e1',
      fold: 2,
    });
    expect(new Date(line.time).toISOString()).toBe(line.time);
  });

  it('tags what a job logs with the job and the request that queued it', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', workerId: 'w', write: (line) => lines.push(line) });
    await runInJobContext({ jobId: 'exp-1-trial-1-fold-0', jobName: 'train-fold', requestId: 'req-42' }, async () => {
      await Promise.resolve();
      logger.info('inside');
    });
    logger.info('outside');
    expect(JSON.parse(lines[0]!)).toMatchObject({
      msg: 'inside',
      jobId: 'exp-1-trial-1-fold-0',
      jobName: 'train-fold',
      requestId: 'req-42',
    });
    expect(JSON.parse(lines[1]!)).not.toHaveProperty('requestId');
  });

  it('never writes tokens, passwords or connection strings', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', workerId: 'w', write: (line) => lines.push(line) });
    logger.info('config', { databaseUrl: 'postgresql://u:hunter2@db/atelier', nested: { token: 'tok-secret', password: 'pw-secret' } });
    expect(lines[0]).not.toMatch(/hunter2|tok-secret|pw-secret/);
    expect(JSON.parse(lines[0]!)).toMatchObject({ databaseUrl: '[redacted]', nested: { token: '[redacted]', password: '[redacted]' } });
  });
});
