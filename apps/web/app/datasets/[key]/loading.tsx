export default function DatasetLoading() {
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Dataset</h1>
          <p>Analysing every image… the first visit after the API starts takes a few seconds; later ones are instant.</p>
        </div>
      </div>
      <div className="card card__body">
        <div className="skeleton" style={{ height: 280 }} aria-label="Loading the dataset" role="status" />
      </div>
    </>
  );
}
