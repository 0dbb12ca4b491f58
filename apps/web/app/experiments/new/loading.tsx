export default function NewExperimentLoading() {
  return (
    <>
      <div className="page-header">
        <div>
          <h1>New experiment</h1>
          <p>Loading datasets and architectures…</p>
        </div>
      </div>
      <div className="launch" aria-busy="true">
        <div className="launch__sections">
          {[0, 1, 2].map((i) => (
            <div key={i} className="card form-section">
              <div className="skeleton" style={{ width: 160, height: 18, marginBottom: 16 }} />
              <div className="skeleton" style={{ width: '100%', height: 36, marginBottom: 12 }} />
              <div className="skeleton" style={{ width: '70%', height: 36 }} />
            </div>
          ))}
        </div>
        <div className="card summary">
          <div className="skeleton" style={{ width: 80, height: 40, marginBottom: 16 }} />
          <div className="skeleton" style={{ width: '100%', height: 40 }} />
        </div>
      </div>
    </>
  );
}
