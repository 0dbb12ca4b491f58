export function TableSkeleton({ rows = 6, columns = 6, label }: { rows?: number; columns?: number; label: string }) {
  return (
    <div className="table-scroll" aria-busy="true" aria-label={label}>
      <table className="table">
        <thead>
          <tr>
            {Array.from({ length: columns }, (_, i) => (
              <th key={i}>
                <div className="skeleton" style={{ width: 60 }} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: rows }, (_, r) => (
            <tr key={r}>
              {Array.from({ length: columns }, (_, c) => (
                <td key={c}>
                  <div className="skeleton" style={{ width: `${40 + ((r * 7 + c * 13) % 50)}%` }} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
