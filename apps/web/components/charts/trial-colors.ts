/** Colours that stay apart from each other and readable on white (checked against WCAG 3:1 for lines). */
const PALETTE = ['#2f6db5', '#d9691c', '#2e9e5b', '#c8423b', '#7b5bb6', '#1a8fa0', '#b3508f', '#8c6d31', '#5c6670', '#8a9a18'] as const;

export function trialColor(trialNumber: number): string {
  return PALETTE[(((trialNumber - 1) % PALETTE.length) + PALETTE.length) % PALETTE.length]!;
}
