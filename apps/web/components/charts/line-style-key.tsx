/** The legend's key to the two line styles, shared by the curve charts. */
export function LineStyleKey() {
  return (
    <li className="chart__key" aria-label="Line styles">
      <span>
        <span className="chart__key-line" aria-hidden="true" />
        validation
      </span>
      <span>
        <span className="chart__key-line chart__key-line--dashed" aria-hidden="true" />
        training
      </span>
    </li>
  );
}
