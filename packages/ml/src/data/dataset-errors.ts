/**
 * Errors for dataset files a user or an operator can act on: each names the file and says
 * what is wrong with it, and carries a machine-readable code so the API can map it to a
 * 4xx with the same wording.
 */
export type DatasetErrorCode =
  | 'empty-file'
  | 'unreadable'
  | 'corrupt-gzip'
  | 'too-large'
  | 'line-too-long'
  | 'bad-magic'
  | 'bad-data-type'
  | 'bad-dimensions'
  | 'truncated'
  | 'trailing-bytes'
  | 'count-mismatch'
  | 'shape-mismatch'
  | 'label-out-of-range'
  | 'pixel-out-of-range'
  | 'not-an-integer'
  | 'non-numeric'
  | 'ragged-row'
  | 'wrong-separator'
  | 'header-mismatch'
  | 'bad-class-names'
  | 'checksum-mismatch';

export class DatasetFormatError extends Error {
  override readonly name = 'DatasetFormatError';

  constructor(
    readonly file: string,
    readonly code: DatasetErrorCode,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

/** A builtin dataset is not where we looked and could not (or may not) be downloaded. */
export class DatasetNotFoundError extends Error {
  override readonly name = 'DatasetNotFoundError';

  constructor(
    readonly key: string,
    /** Every place that was tried, with why it was not used. */
    readonly searched: readonly string[],
    hint: string,
  ) {
    super(`Dataset '${key}' not found. Looked in:\n${searched.map((s) => `  - ${s}`).join('\n')}\n${hint}`);
  }
}

/** No mirror answered with the file (network down, HTTP errors); not a damaged file. */
export class DatasetDownloadError extends Error {
  override readonly name = 'DatasetDownloadError';

  constructor(readonly failures: readonly string[]) {
    super(`Download failed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
  }
}
