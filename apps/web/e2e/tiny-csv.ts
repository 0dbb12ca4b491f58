/** 40 rows of label + 784 pixels with a header (the Kaggle layout): 10 per class, each class a different stripe. */
export function tinyCsv(): string {
  const header = ['label', ...Array.from({ length: 784 }, (_, i) => `pixel${i + 1}`)].join(',');
  const rows = Array.from({ length: 40 }, (_, i) => {
    const label = i % 4;
    const pixels = Array.from({ length: 784 }, (_, p) => (Math.floor(p / 28) % 4 === label ? 200 + (i % 50) : (p * 7 + i) % 30));
    return [label, ...pixels].join(',');
  });
  return `${[header, ...rows].join('\n')}\n`;
}
