import type { TCreateRunRequest } from '@atelier/domain';
import { type Connect, initRun } from './init.js';
import { connectionDefaults } from './node/saved-login.js';
import type { Transport } from './transport.js';

/** A connection whose transport keeps the create request, as the API would receive it. */
function capturingConnect(created: TCreateRunRequest[]): Connect {
  const transport: Transport = {
    createRun: (request) => {
      created.push(request);
      return Promise.resolve({ id: 'r1', number: 1, experimentId: 'e1' });
    },
    log: () => Promise.resolve(),
    updateRun: () => Promise.resolve(),
    uploadModel: () => Promise.reject(new Error('not used')),
    uploadArtifacts: () => Promise.resolve(),
    logEvaluation: () => Promise.resolve(null),
  };
  return () => Promise.resolve({ transport, pageOf: (id) => `http://atelier/runs/${id}` });
}

describe('the project a run is created in', () => {
  it('is ATELIER_PROJECT when init names none, and the option when it does', async () => {
    const defaults = connectionDefaults('http://atelier', { ATELIER_PROJECT: 'vision' }, undefined);
    expect(defaults).toEqual({ url: 'http://atelier', project: 'vision' });
    const created: TCreateRunRequest[] = [];
    const first = await initRun({ experiment: 'e', warn: () => undefined }, defaults, capturingConnect(created));
    const second = await initRun({ experiment: 'e', project: 'audio', warn: () => undefined }, defaults, capturingConnect(created));
    await Promise.all([first.run.finish(), second.run.finish()]);
    expect(created.map((request) => request.project)).toEqual(['vision', 'audio']);
  });

  it('is left to the API (the token’s project, else default) when neither says', async () => {
    const defaults = connectionDefaults('http://atelier', { ATELIER_PROJECT: '' }, undefined);
    expect(defaults).toEqual({ url: 'http://atelier' });
    const created: TCreateRunRequest[] = [];
    const { run } = await initRun({ experiment: 'e', warn: () => undefined }, defaults, capturingConnect(created));
    await run.finish();
    expect(created[0]).not.toHaveProperty('project');
  });
});
