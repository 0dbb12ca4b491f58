import { fireEvent, screen } from '@testing-library/react';
import { actAsync } from '@/test/act';
import { renderWithQuery } from '@/test/query';
import { ApiError } from '@/lib/api-client';
import type { DatasetsClient } from '@/lib/datasets-client';
import { makeDatasetSummary } from '../../test/fixtures/dataset';
import { ImportForm, slugify } from './import-form';

const push = jest.fn();
jest.mock('next/navigation', () => ({ useRouter: () => ({ push }) }));

function fakeClient(importDataset: DatasetsClient['importDataset']): DatasetsClient {
  const unused = () => Promise.reject(new Error('not used'));
  return { getDataset: unused, getMeanImages: unused, getCorrelation: unused, getSamples: unused, importDataset };
}

function fill(label: string | RegExp, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

function choose(label: RegExp, name: string, text: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { files: [new File([text], name, { type: 'text/csv' })] } });
}

describe('ImportForm', () => {
  beforeEach(() => push.mockReset());

  it('derives the key from the name', () => {
    expect(slugify('My Digits v2!')).toBe('my-digits-v2');
    expect(slugify('Données élèves')).toBe('donnees-eleves');
  });

  it('checks the fields before uploading anything', async () => {
    const importDataset = jest.fn();
    renderWithQuery(<ImportForm client={fakeClient(importDataset)} />);
    await actAsync(() => fireEvent.click(screen.getByRole('button', { name: 'Import dataset' })));
    expect(screen.getByText('name is required')).toBeTruthy();
    expect(screen.getByText('Choose the train csv file')).toBeTruthy();
    expect(importDataset).not.toHaveBeenCalled();
  });

  it('sends the fields and the file as multipart and opens the new dataset', async () => {
    const importDataset = jest.fn((_form: FormData, _query?: { project?: string }) =>
      Promise.resolve({ kind: 'imported' as const, dataset: makeDatasetSummary({ key: 'my-shapes' }) }),
    );
    renderWithQuery(<ImportForm client={fakeClient(importDataset)} />);
    fill('Name', 'My shapes');
    fill(/Class names/, 'circle, square, star');
    choose(/Train CSV/, 'shapes.csv', '0,1,2,3,4\n');
    await actAsync(() => fireEvent.click(screen.getByRole('button', { name: 'Import dataset' })));
    const form = importDataset.mock.calls[0]![0];
    expect(form.get('key')).toBe('my-shapes');
    expect(form.get('name')).toBe('My shapes');
    expect(form.get('classNames')).toBe('circle, square, star');
    expect(form.get('testFraction')).toBe('0.15');
    expect((form.get('trainCsv') as File).name).toBe('shapes.csv');
    // no project picked in the header: the API's default
    expect(importDataset.mock.calls[0]![1]).toEqual({});
    expect(form.get('project')).toBeNull();
    expect(push).toHaveBeenCalledWith('/datasets/my-shapes');
  });

  it("imports into the project picked in the header (?project=, as POST /datasets/import reads it), the URL's first", async () => {
    window.localStorage.setItem('atelier.project', JSON.stringify('vision'));
    try {
      const importDataset = jest.fn((_form: FormData, _query?: { project?: string }) =>
        Promise.resolve({ kind: 'imported' as const, dataset: makeDatasetSummary({ key: 'my-shapes' }) }),
      );
      const { unmount } = renderWithQuery(<ImportForm client={fakeClient(importDataset)} />);
      fill('Name', 'My shapes');
      fill(/Class names/, 'circle, square, star');
      choose(/Train CSV/, 'shapes.csv', '0,1,2,3,4\n');
      await actAsync(() => fireEvent.click(screen.getByRole('button', { name: 'Import dataset' })));
      expect(importDataset.mock.calls[0]![1]).toEqual({ project: 'vision' });
      // the multipart fields are the dataset's only: the API refuses a field it does not know
      expect(importDataset.mock.calls[0]![0].get('project')).toBeNull();
      unmount();

      renderWithQuery(<ImportForm client={fakeClient(importDataset)} project="audio" />);
      fill('Name', 'My shapes');
      choose(/Train CSV/, 'shapes.csv', '0,1,2,3,4\n');
      await actAsync(() => fireEvent.click(screen.getByRole('button', { name: 'Import dataset' })));
      expect(importDataset.mock.calls[1]![1]).toEqual({ project: 'audio' });
    } finally {
      window.localStorage.removeItem('atelier.project');
    }
  });

  it("shows the server's validation error as it is, and stays on the form", async () => {
    const message = 'broken.csv (train CSV): ragged row: line 4 has 700 fields, expected 785 (label + 784 pixels)';
    const importDataset = jest.fn(() => Promise.reject(new ApiError(400, { error: 'validation_failed', message })));
    renderWithQuery(<ImportForm client={fakeClient(importDataset)} />);
    fill('Name', 'Broken');
    choose(/Train CSV/, 'broken.csv', '0,1\n0\n');
    await actAsync(() => fireEvent.click(screen.getByRole('button', { name: 'Import dataset' })));
    expect(screen.getByTestId('import-error').textContent).toBe(`The dataset was not imported. ${message}`);
    expect(push).not.toHaveBeenCalled();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Import dataset' }).disabled).toBe(false);
  });

  it.each([
    [
      400,
      'validation_failed',
      'endless.csv.gz (train CSV): line 1 is longer than 12,560 bytes, the widest row of a 28×28 image with its label (785 fields of at most 16 characters): this is not a CSV of one image per line',
    ],
    [
      400,
      'validation_failed',
      'zeros.csv.gz (train CSV): content is larger than 512 MiB once decompressed, the largest this server imports: a damaged file or a gzip bomb, or a dataset to split (ATELIER_MAX_IMPORT_INFLATED_BYTES)',
    ],
    [
      429,
      'too_many_imports',
      '2 imports are already running on this server (ATELIER_MAX_CONCURRENT_IMPORTS=2): nothing was uploaded or stored; send it again in 5 s.',
    ],
  ])('shows the bounded-import refusal %i %s as the server words it', async (status, error, message) => {
    const importDataset = jest.fn(() => Promise.reject(new ApiError(status, { error, message })));
    renderWithQuery(<ImportForm client={fakeClient(importDataset)} />);
    fill('Name', 'Bomb');
    choose(/Train CSV/, 'bomb.csv', '0,1\n');
    await actAsync(() => fireEvent.click(screen.getByRole('button', { name: 'Import dataset' })));
    expect(screen.getByTestId('import-error').textContent).toBe(`The dataset was not imported. ${message}`);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Import dataset' }).disabled).toBe(false);
  });

  it('shows an issue the server names a field of on that field, and the key follows the name until edited', async () => {
    const importDataset = jest.fn(() =>
      Promise.reject(
        new ApiError(409, {
          error: 'conflict',
          message: "A dataset with key 'shapes' exists",
          issues: [{ path: 'key', message: "key 'shapes' is taken: choose another" }],
        }),
      ),
    );
    renderWithQuery(<ImportForm client={fakeClient(importDataset)} />);
    fill('Name', 'Shapes');
    expect(screen.getByLabelText<HTMLInputElement>('Key').value).toBe('shapes');
    choose(/Train CSV/, 'shapes.csv', '0,1,2,3,4\n');
    await actAsync(() => fireEvent.click(screen.getByRole('button', { name: 'Import dataset' })));
    expect(screen.getByLabelText('Key').getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('key-error')?.textContent).toBe("key 'shapes' is taken: choose another");
    fill('Key', 'shapes-2');
    fill('Name', 'Shapes again');
    expect(screen.getByLabelText<HTMLInputElement>('Key').value).toBe('shapes-2');
  });

  it('asks for IDX images and labels when the format is IDX, and drops the test fraction with a test file', async () => {
    const importDataset = jest.fn((_form: FormData) => Promise.resolve({ kind: 'imported' as const, dataset: makeDatasetSummary() }));
    renderWithQuery(<ImportForm client={fakeClient(importDataset)} />);
    fireEvent.click(screen.getByLabelText('IDX (MNIST format)'));
    fill('Name', 'Digits');
    choose(/Train images/, 'train-images-idx3-ubyte.gz', 'x');
    choose(/Train labels/, 'train-labels-idx1-ubyte.gz', 'x');
    choose(/Test images/, 't10k-images-idx3-ubyte.gz', 'x');
    expect(screen.queryByLabelText('Test fraction')).toBeNull();
    choose(/Test labels/, 't10k-labels-idx1-ubyte.gz', 'x');
    await actAsync(() => fireEvent.click(screen.getByRole('button', { name: 'Import dataset' })));
    const form = importDataset.mock.calls[0]![0];
    expect([...form.keys()].sort()).toEqual(['key', 'name', 'testImages', 'testLabels', 'trainImages', 'trainLabels']);
  });

  it('shows the warnings, stores nothing, and sends the same upload again with acknowledgeWarnings only when confirmed', async () => {
    const warnings = [
      {
        kind: 'blank-images' as const,
        count: 20,
        message: '20 of 20 images are blank (every pixel 0): they show no shape, so nothing can be learnt from them.',
      },
      { kind: 'single-class' as const, count: 20, message: "Only one class has images: '1' (all 20)." },
    ];
    const importDataset = jest
      .fn<ReturnType<DatasetsClient['importDataset']>, [FormData]>()
      .mockResolvedValueOnce({ kind: 'needs-confirmation', warnings, message: 'not imported' })
      .mockResolvedValueOnce({ kind: 'imported', dataset: makeDatasetSummary({ key: 'junk', warnings }) });
    renderWithQuery(<ImportForm client={fakeClient(importDataset)} />);
    fill('Name', 'Junk');
    choose(/Train CSV/, 'junk.csv', '1,0,0,0,0\n');
    await actAsync(() => fireEvent.click(screen.getByRole('button', { name: 'Import dataset' })));
    const shown = screen.getByTestId('import-warnings');
    expect(Array.from(shown.querySelectorAll('li')).map((li) => li.textContent)).toEqual(warnings.map((w) => w.message));
    expect(push).not.toHaveBeenCalled();
    expect(importDataset.mock.calls[0]![0].get('acknowledgeWarnings')).toBeNull();

    await actAsync(() => fireEvent.click(screen.getByRole('button', { name: 'Import anyway' })));
    const confirmed = importDataset.mock.calls[1]![0];
    expect(confirmed.get('acknowledgeWarnings')).toBe('true');
    expect(confirmed.get('name')).toBe('Junk');
    expect((confirmed.get('trainCsv') as File).name).toBe('junk.csv');
    expect(push).toHaveBeenCalledWith('/datasets/junk');
  });

  it('lets the user back out of the warnings without importing', async () => {
    const importDataset = jest.fn((_form: FormData) =>
      Promise.resolve({
        kind: 'needs-confirmation' as const,
        warnings: [{ kind: 'empty-test' as const, count: 0, message: 'The test split is empty.' }],
        message: 'not imported',
      }),
    );
    renderWithQuery(<ImportForm client={fakeClient(importDataset)} />);
    fill('Name', 'No test');
    choose(/Train CSV/, 'a.csv', '1,0,0,0,0\n');
    await actAsync(() => fireEvent.click(screen.getByRole('button', { name: 'Import dataset' })));
    fireEvent.click(screen.getByRole('button', { name: 'Change the files' }));
    expect(screen.queryByTestId('import-warnings')).toBeNull();
    expect(importDataset).toHaveBeenCalledTimes(1);
    expect(push).not.toHaveBeenCalled();
  });
});
