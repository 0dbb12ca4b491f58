import { toModelArtifact } from './model-artifact.mapper';

describe('toModelArtifact', () => {
  const row = {
    id: 'm1',
    experimentId: 'e1',
    trialId: 't1',
    sizeBytes: 1234n,
    sha256: 'ab',
    createdAt: new Date('2026-01-02T03:04:05Z'),
    experiment: null,
  };

  it('reads the backend and the images trained on from the metadata', () => {
    expect(toModelArtifact({ ...row, metadata: { backend: 'wasm', trainedOn: 60000 } })).toEqual({
      id: 'm1',
      experimentId: 'e1',
      trialId: 't1',
      kind: 'model',
      sizeBytes: 1234,
      sha256: 'ab',
      backend: 'wasm',
      trainedOn: 60000,
      parentModel: null,
      createdAt: '2026-01-02T03:04:05.000Z',
    });
  });

  it('shows null for metadata that is missing or of the wrong type', () => {
    expect(toModelArtifact({ ...row, metadata: null })).toMatchObject({ backend: null, trainedOn: null });
    expect(toModelArtifact({ ...row, metadata: { backend: 3, trainedOn: '60000' } })).toMatchObject({ backend: null, trainedOn: null });
  });

  it('names the model its experiment fine-tuned from, with the registered version it was named by', () => {
    const experiment = { parentModelId: 'p1', parentModelRef: 'fashion/2' };
    expect(toModelArtifact({ ...row, metadata: {}, experiment }).parentModel).toEqual({ id: 'p1', reference: 'fashion/2' });
    expect(toModelArtifact({ ...row, metadata: {}, experiment: { parentModelId: 'p1', parentModelRef: null } }).parentModel).toEqual({
      id: 'p1',
      reference: null,
    });
    expect(toModelArtifact({ ...row, metadata: {}, experiment: { parentModelId: null, parentModelRef: null } }).parentModel).toBeNull();
  });
});
