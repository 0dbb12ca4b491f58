import { fireEvent, render, screen, within } from '@testing-library/react';
import { actAsync } from '@/test/act';
import { fakeApi } from '../../test/fixtures/api';
import { TryIt } from './try-it';

const prediction = {
  modelId: 'model-1',
  predictions: [
    { classIndex: 9, className: 'Ankle boot', probability: 0.82 },
    { classIndex: 7, className: 'Sneaker', probability: 0.15 },
    { classIndex: 5, className: 'Sandal', probability: 0.03 },
  ],
};

describe('TryIt', () => {
  // jsdom has no 2D canvas: drawing is covered by lib/drawing and the end-to-end test
  let getContext: jest.SpyInstance;
  beforeEach(() => {
    getContext = jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  });
  afterEach(() => {
    getContext.mockRestore();
    delete (globalThis as { createImageBitmap?: unknown }).createImageBitmap;
  });

  it('sends an uploaded PNG to the model and shows the class and every probability as a bar', async () => {
    const predict = jest.fn(() => Promise.resolve(prediction));
    render(<TryIt modelId="model-1" api={fakeApi({ predict })} />);
    const file = new File([new Uint8Array([137, 80, 78, 71])], 'boot.png', { type: 'image/png' });
    await actAsync(() => {
      fireEvent.change(screen.getByTestId('try-it-upload'), { target: { files: [file] } });
    });
    expect(predict).toHaveBeenCalledWith('model-1', { png: file });
    expect(screen.getByTestId('try-it-class').textContent).toBe('Ankle boot');
    expect(screen.getByText('confidence', { exact: false }).textContent).toBe('82.0% confidence');
    const bars = within(screen.getByRole('list', { name: 'Probability of every class' })).getAllByRole('listitem');
    expect(bars.map((bar) => bar.textContent)).toEqual(['Ankle boot82.0%', 'Sneaker15.0%', 'Sandal3.00%']);
    expect(bars[0]!.getAttribute('data-top')).toBe('true');
    const fill = within(bars[1]!).getByRole('meter').firstElementChild as HTMLElement;
    expect(fill.style.width).toBe('15%');
  });

  it('shows the API error when the model refuses the image', async () => {
    const predict = jest.fn(() => Promise.reject(new Error('the PNG is 0×0 pixels')));
    render(<TryIt modelId="model-1" api={fakeApi({ predict })} />);
    await actAsync(() => {
      fireEvent.change(screen.getByTestId('try-it-upload'), { target: { files: [new File(['x'], 'bad.png', { type: 'image/png' })] } });
    });
    expect(screen.getByRole('alert').textContent).toBe('the PNG is 0×0 pixels');
  });

  it('cannot classify before anything is drawn', () => {
    render(<TryIt modelId="model-1" api={fakeApi()} />);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Classify drawing' }).disabled).toBe(true);
  });

  it('fits a non-square picture to 28×28 with its aspect kept, shows the hint, and can invert', async () => {
    // a 56×28 JPEG, all black: a dark item filling a wide photo
    const width = 56;
    const height = 28;
    (globalThis as { createImageBitmap?: unknown }).createImageBitmap = jest.fn(() =>
      Promise.resolve({ width, height, close: () => undefined }),
    );
    const ctx = {
      drawImage: jest.fn(),
      fillRect: jest.fn(),
      fillStyle: '',
      getImageData: jest.fn(() => ({ data: new Uint8ClampedArray(Array.from({ length: width * height }, () => [0, 0, 0, 255]).flat()) })),
    };
    getContext.mockReturnValue(ctx);
    const predict = jest.fn(() => Promise.resolve(prediction));
    render(<TryIt modelId="model-1" api={fakeApi({ predict })} />);
    expect(screen.getByTestId('try-it-hint').textContent).toMatch(/light items on a black background/);
    expect(screen.getByTestId<HTMLInputElement>('try-it-upload').accept).toBe('image/png,image/jpeg,image/webp');
    fireEvent.click(screen.getByLabelText('Invert (dark item on a light background)'));
    await actAsync(() => {
      fireEvent.change(screen.getByTestId('try-it-upload'), {
        target: { files: [new File(['jpeg'], 'boot.jpg', { type: 'image/jpeg' })] },
      });
    });
    const [, input] = predict.mock.calls[0] as unknown as [string, { pixels: number[] }];
    expect(input.pixels).toHaveLength(784);
    const rows = Array.from({ length: 28 }, (_, y) => input.pixels.slice(y * 28, (y + 1) * 28));
    // inverted: the dark item is white in rows 7..20, the (white, then inverted) bars black: not stretched
    expect(rows.slice(7, 21).every((row) => row.every((v) => v === 255))).toBe(true);
    expect([...rows.slice(0, 7), ...rows.slice(21)].every((row) => row.every((v) => v === 0))).toBe(true);
    expect(screen.getByText(/boot\.jpg \(56×28, fitted to 28×28\), inverted/)).toBeTruthy();
  });

  it('says what to upload when a file is not an image it can read, without the API jargon', async () => {
    const predict = jest.fn(() => Promise.resolve(prediction));
    render(<TryIt modelId="model-1" api={fakeApi({ predict })} />);
    await actAsync(() => {
      fireEvent.change(screen.getByTestId('try-it-upload'), {
        target: { files: [new File(['%PDF'], 'scan.pdf', { type: 'application/pdf' })] },
      });
    });
    expect(screen.getByRole('alert').textContent).toBe(
      'scan.pdf could not be read as an image. Upload a PNG, JPEG or WebP picture of one item (or draw it above).',
    );
    (globalThis as { createImageBitmap?: unknown }).createImageBitmap = jest.fn(() => Promise.reject(new Error('InvalidStateError')));
    await actAsync(() => {
      fireEvent.change(screen.getByTestId('try-it-upload'), { target: { files: [new File(['x'], 'broken.jpg', { type: 'image/jpeg' })] } });
    });
    expect(screen.getByRole('alert').textContent).toMatch(/^broken\.jpg could not be read as an image/);
    expect(screen.getByRole('alert').textContent).not.toMatch(/784/);
    expect(predict).not.toHaveBeenCalled();
  });
});
