import { act, fireEvent, screen, within } from '@testing-library/react';
import type { TModelVersion, TRegisteredModelDetail } from '@atelier/domain';
import { ApiError } from '@/lib/api-client';
import { renderWithQuery } from '../../test/query';
import { fakeApi } from '../../test/fixtures/api';
import { RegisterModelButton, registryName } from './register-model-button';
import { RegisteredModelView } from './registered-model-view';
import { RegisteredModelsTable } from './registered-models-table';

const CLASS_NAMES = ['T-shirt/top', 'Trouser'];

function version(n: number, aliases: string[], accuracy: number): TModelVersion {
  return {
    id: `v-${n}`,
    name: 'fashion',
    version: n,
    model: {
      id: `model-${n}`,
      experimentId: 'exp',
      trialId: `run-${n}`,
      kind: 'model',
      sizeBytes: 1000,
      sha256: 'ab',
      backend: 'wasm',
      trainedOn: 60000,
      parentModel: null,
      createdAt: '2026-12-01T00:00:00Z',
    },
    run: {
      id: `run-${n}`,
      experimentId: 'exp',
      experimentName: 'Search',
      number: n,
      name: null,
      params: { learningRate: 0.001 * n },
      metrics: {},
    },
    dataset: { key: 'fashion-mnist', name: 'Fashion-MNIST' },
    card: {
      name: 'x',
      architecture: 'cnn-a',
      dataset: { key: 'fashion-mnist', name: 'Fashion-MNIST' },
      classNames: CLASS_NAMES,
      backend: 'wasm',
      createdAt: '2026-12-01T00:00:00Z',
      test: { accuracy, loss: 0.3 },
      crossValidation: null,
    },
    aliases,
    createdAt: '2026-12-01T00:00:00Z',
  };
}

// a project other than 'default': every call and link by name must say it
const DETAIL: TRegisteredModelDetail = {
  id: 'rm',
  name: 'fashion',
  project: { slug: 'vision-lab', name: 'Vision lab' },
  description: '',
  latestVersion: 2,
  versionCount: 2,
  aliases: [{ alias: 'production', version: 1, updatedAt: '2026-12-01T00:00:00Z' }],
  createdAt: '2026-12-01T00:00:00Z',
  versions: [version(2, [], 0.912), version(1, ['production'], 0.8734)],
};

describe('registryName', () => {
  it('makes a registry-safe name of an experiment name', () => {
    expect(registryName('Fashion CNN #2')).toBe('Fashion-CNN-2');
    expect(registryName('  --')).toBe('model');
    expect(registryName('ok.name_1')).toBe('ok.name_1');
  });
});

describe('RegisteredModelsTable', () => {
  it('lists names, versions and where aliases point, each linked in its own project', () => {
    renderWithQuery(<RegisteredModelsTable models={[DETAIL]} />);
    const row = screen.getByTestId('registered-models-table').querySelector('[data-name="fashion"]') as HTMLElement;
    expect(within(row).getByRole('link', { name: 'fashion' }).getAttribute('href')).toBe('/models/fashion?project=vision-lab');
    expect(row.textContent).toContain('v2');
    expect(row.textContent).toContain('production → v1');
  });
});

describe('RegisteredModelView', () => {
  let getContext: jest.SpyInstance;
  beforeEach(() => {
    getContext = jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  });
  afterEach(() => {
    getContext.mockRestore();
    delete (globalThis as { createImageBitmap?: unknown }).createImageBitmap;
  });

  it('predicts by alias through the registry, not by model id', async () => {
    const answer = {
      modelId: 'model-1',
      name: 'fashion',
      version: 1,
      alias: 'production',
      predictions: [
        { classIndex: 1, className: 'Trouser', probability: 0.9 },
        { classIndex: 0, className: 'T-shirt/top', probability: 0.1 },
      ],
    };
    const predictByReference = jest.fn(() => Promise.resolve(answer));
    const predict = jest.fn();
    (globalThis as { createImageBitmap?: unknown }).createImageBitmap = jest.fn(() =>
      Promise.resolve({
        width: 28,
        height: 28,
        close: () => undefined,
      }),
    );
    const ctx = {
      drawImage: jest.fn(),
      fillRect: jest.fn(),
      fillStyle: '',
      getImageData: jest.fn(() => ({ data: new Uint8ClampedArray(28 * 28 * 4) })),
    };
    getContext.mockReturnValue(ctx);
    renderWithQuery(<RegisteredModelView initial={DETAIL} api={fakeApi({ predictByReference, predict })} />);
    expect(screen.getByTestId<HTMLSelectElement>('predict-alias').value).toBe('production');
    await act(async () => {
      await Promise.resolve();
      fireEvent.change(screen.getByTestId('try-it-upload'), { target: { files: [new File(['png'], 'bar.png', { type: 'image/png' })] } });
    });
    expect(predictByReference).toHaveBeenCalledWith(
      { name: 'fashion', alias: 'production' },
      { pixels: expect.any(Array) as unknown },
      { project: 'vision-lab' },
    );
    expect(predict).not.toHaveBeenCalled();
    expect(screen.getByTestId('try-it-class').textContent).toBe('Trouser');
  });

  it('shows each version with its run, scores and download, and moves an alias', async () => {
    const setModelAlias = jest.fn(() => Promise.resolve({ alias: 'production', version: 2, updatedAt: '2026-12-02T00:00:00Z' }));
    const moved = { ...DETAIL, aliases: [{ alias: 'production', version: 2, updatedAt: '2026-12-02T00:00:00Z' }] };
    const getRegisteredModel = jest.fn(() => Promise.resolve(moved));
    renderWithQuery(<RegisteredModelView initial={DETAIL} api={fakeApi({ setModelAlias, getRegisteredModel })} />);

    const v1 = screen.getByTestId('versions-table').querySelector('[data-version="1"]') as HTMLElement;
    expect(within(v1).getByTestId('version-test-accuracy').textContent).toBe('87.3%');
    expect(within(v1).getByRole('link', { name: 'Search #1' }).getAttribute('href')).toBe('/runs/run-1');
    expect(within(v1).getByRole('link', { name: 'fashion-v1.zip' }).getAttribute('href')).toBe(
      '/api/registered-models/fashion/versions/1/download?project=vision-lab',
    );
    expect(v1.textContent).toContain('production');
    expect(screen.getByTestId('alias-list').textContent).toBe('fashion@production → v1');

    fireEvent.change(screen.getByTestId('set-alias-version'), { target: { value: '2' } });
    await act(async () => {
      await Promise.resolve();
      fireEvent.click(screen.getByTestId('set-alias-submit'));
    });
    expect(setModelAlias).toHaveBeenCalledWith('fashion', 'production', { version: 2 }, { project: 'vision-lab' });
    expect(await screen.findByTestId('set-alias-done')).toHaveProperty('textContent', 'production now points at v2.');
    expect(getRegisteredModel).toHaveBeenCalledWith('fashion', { project: 'vision-lab' });
    expect(await screen.findByText('fashion@production → v2')).toBeTruthy();
  });

  it('refuses an alias with "@" before asking the API', async () => {
    const setModelAlias = jest.fn();
    renderWithQuery(<RegisteredModelView initial={DETAIL} api={fakeApi({ setModelAlias })} />);
    fireEvent.change(screen.getByTestId('set-alias-name'), { target: { value: 'prod@1' } });
    await act(async () => {
      await Promise.resolve();
      fireEvent.click(screen.getByTestId('set-alias-submit'));
    });
    expect((await screen.findByRole('alert')).textContent).toMatch(/'prod@1' is not a valid alias/);
    expect(setModelAlias).not.toHaveBeenCalled();
  });
});

describe('RegisterModelButton', () => {
  it('creates the registered model when the name is new, then registers the model as a version', async () => {
    const unknown = new ApiError(404, { error: 'not_found', message: "No registered model named 'My-search': create it" });
    const registerModelVersion = jest
      .fn()
      .mockRejectedValueOnce(unknown)
      .mockResolvedValueOnce(version(1, [], 0.9));
    const createRegisteredModel = jest.fn(() => Promise.resolve({ ...DETAIL, name: 'My-search' }));
    renderWithQuery(
      <RegisterModelButton
        modelId="model-9"
        project="vision-lab"
        suggestedName="My search"
        api={fakeApi({ registerModelVersion, createRegisteredModel })}
      />,
    );
    fireEvent.click(screen.getByTestId('register-model'));
    expect(screen.getByTestId<HTMLInputElement>('register-model-name').value).toBe('My-search');
    await act(async () => {
      await Promise.resolve();
      fireEvent.click(screen.getByTestId('register-model-submit'));
    });
    // in the experiment's project, not the API's default one
    expect(registerModelVersion).toHaveBeenNthCalledWith(1, 'My-search', { modelId: 'model-9' }, { project: 'vision-lab' });
    expect(createRegisteredModel).toHaveBeenCalledWith({ name: 'My-search', project: 'vision-lab' });
    expect(registerModelVersion).toHaveBeenLastCalledWith('My-search', { modelId: 'model-9' }, { project: 'vision-lab' });
    const done = await screen.findByTestId('register-model-done');
    expect(done.textContent).toBe('Registered as fashion v1.');
    expect(within(done).getByRole('link', { name: 'fashion' }).getAttribute('href')).toBe('/models/fashion?project=vision-lab');
  });
});
