import { act, fireEvent, screen, within } from '@testing-library/react';
import { actAsync } from '@/test/act';
// rendered inside a query cache, as the app is (the plan and layer checks are queries)
import { renderWithQuery as render } from '../../test/query';
import { ApiError } from '@/lib/api-client';
import { fakeApi } from '../../test/fixtures/api';
import { makeArchitecture } from '../../test/fixtures/experiment';
import { ArchitectureEditor } from './architecture-editor';

async function settle() {
  await act(async () => {
    jest.advanceTimersByTime(400);
    await Promise.resolve();
    await Promise.resolve();
  });
}

describe('ArchitectureEditor', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it("shows the server's output shape and parameters per layer, and saves the list under a key", async () => {
    const summarizeArchitecture = jest.fn(() =>
      Promise.resolve({
        inputShape: [28, 28, 1],
        layers: [
          { index: 0, type: 'conv2d' as const, outputShape: [28, 28, 16], parameterCount: 160, output: false },
          { index: 1, type: 'maxPooling2d' as const, outputShape: [14, 14, 16], parameterCount: 0, output: false },
          { index: 2, type: 'flatten' as const, outputShape: [3136], parameterCount: 0, output: false },
          { index: 3, type: 'dense' as const, outputShape: [64], parameterCount: 200_768, output: false },
          { index: 4, type: 'dense' as const, outputShape: [10], parameterCount: 650, output: true },
        ],
        parameterCount: 201_578,
        trainableParameterCount: 201_578,
      }),
    );
    const createArchitecture = jest.fn(() => Promise.resolve(makeArchitecture('my-cnn')));
    const onCreated = jest.fn();
    render(<ArchitectureEditor api={fakeApi({ summarizeArchitecture, createArchitecture })} project="vision" onCreated={onCreated} />);
    await settle();
    expect(summarizeArchitecture).toHaveBeenCalledWith({
      spec: {
        kind: 'layers',
        layers: [
          { type: 'conv2d', filters: 16, kernelSize: 3, padding: 'same' },
          { type: 'maxPooling2d', poolSize: 2 },
          { type: 'flatten' },
          { type: 'dense', units: 64 },
        ],
      },
    });
    expect(screen.getAllByTestId('layer-shape').map((s) => s.textContent)).toEqual([
      '28×28×16 · 160 params',
      '14×14×16 · 0 params',
      '3136 · 0 params',
      '64 · 200,768 params',
    ]);
    expect(screen.getByTestId('architecture-total').textContent).toBe('201,578');
    expect(screen.getByText('dense (softmax output, added)')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Key'), { target: { value: 'my-cnn' } });
    await actAsync(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Save and use this architecture' }));
    });
    // saved in the launch form's project
    expect(createArchitecture).toHaveBeenCalledWith(expect.objectContaining({ key: 'my-cnn', name: 'my-cnn', project: 'vision' }));
    expect(onCreated).toHaveBeenCalledWith(expect.objectContaining({ key: 'my-cnn' }));
  });

  it('marks the layer the server cannot build and shows why; saving waits for a valid stack', async () => {
    const summarizeArchitecture = jest.fn(() =>
      Promise.reject(
        new ApiError(400, {
          error: 'validation_failed',
          message: 'This architecture cannot be built: layer 2 (maxPooling2d): its 2×2 pool window is larger than its 1×1 input',
          issues: [{ path: 'spec.layers[1]', message: 'too small' }],
        }),
      ),
    );
    render(<ArchitectureEditor api={fakeApi({ summarizeArchitecture })} onCreated={jest.fn()} />);
    await settle();
    expect(screen.getByRole('alert').textContent).toContain('layer 2 (maxPooling2d)');
    const rows = within(screen.getByRole('list', { name: 'Layers' })).getAllByRole('listitem');
    expect(rows.map((r) => r.getAttribute('data-invalid'))).toEqual([null, 'true', null, null]);
    fireEvent.change(screen.getByLabelText('Key'), { target: { value: 'x' } });
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Save and use this architecture' }).disabled).toBe(true);
  });
});
