import tableStyles from './table.module.css';
import skeleton from './skeleton.module.css';
export function TableSkeleton({ rows = 6, columns = 6, label }: { rows?: number; columns?: number; label: string }) {
  return (
    <div className={tableStyles.scroll} role="status" aria-busy="true" aria-label={label}>
      <table className={tableStyles.table}>
        <thead>
          <tr>
            {Array.from({ length: columns }, (_, i) => (
              <th key={i}>
                <div className={`${skeleton.skeleton} ${skeleton.header}`} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: rows }, (_, r) => (
            <tr key={r}>
              {Array.from({ length: columns }, (_, c) => (
                <td key={c}>
                  <div className={skeleton.skeleton} style={{ width: `${40 + ((r * 7 + c * 13) % 50)}%` }} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
