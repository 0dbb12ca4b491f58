import { act, fireEvent, render, screen, within } from '@testing-library/react';
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
  beforeAll(() => jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null));

  it('sends an uploaded PNG to the model and shows the class and every probability as a bar', async () => {
    const predict = jest.fn(async () => prediction);
    render(<TryIt modelId="model-1" api={fakeApi({ predict })} />);
    const file = new File([new Uint8Array([137, 80, 78, 71])], 'boot.png', { type: 'image/png' });
    await act(async () => {
      fireEvent.change(screen.getByTestId('try-it-upload'), { target: { files: [file] } });
    });
    expect(predict).toHaveBeenCalledWith('model-1', { png: file });
    expect(screen.getByTestId('try-it-class').textContent).toBe('Ankle boot');
    expect(screen.getByText('confidence', { exact: false }).textContent).toBe('82.0% confidence');
    const bars = within(screen.getByRole('list', { name: 'Probability of every class' })).getAllByRole('listitem');
    expect(bars.map((bar) => bar.textContent)).toEqual(['Ankle boot82.0%', 'Sneaker15.0%', 'Sandal3.00%']);
    expect(bars[0]!.getAttribute('data-top')).toBe('true');
    const fill = bars[1]!.querySelector<HTMLElement>('.prob-bars__fill')!;
    expect(fill.style.width).toBe('15%');
  });

  it('shows the API error when the model refuses the image', async () => {
    const predict = jest.fn(async () => {
      throw new Error('the PNG is 0×0 pixels');
    });
    render(<TryIt modelId="model-1" api={fakeApi({ predict })} />);
    await act(async () => {
      fireEvent.change(screen.getByTestId('try-it-upload'), { target: { files: [new File(['x'], 'bad.png', { type: 'image/png' })] } });
    });
    expect(screen.getByRole('alert').textContent).toBe('the PNG is 0×0 pixels');
  });

  it('cannot classify before anything is drawn', () => {
    render(<TryIt modelId="model-1" api={fakeApi()} />);
    expect((screen.getByRole('button', { name: 'Classify drawing' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
