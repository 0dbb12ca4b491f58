import { gray, viridis } from './pixel-colors';

describe('pixel colours', () => {
  it('maps the ends and the middle of viridis to its stops', () => {
    expect(viridis(0)).toBe('#440154');
    expect(viridis(1)).toBe('#fde725');
    expect(viridis(0.5)).toBe('#21908d');
  });

  it('interpolates between stops and clamps out-of-range values', () => {
    // halfway between the first two stops (68,1,84) and (71,44,122)
    expect(viridis(1 / 16)).toBe('#461767'); // (69.5, 22.5, 103) rounded
    expect(viridis(-3)).toBe(viridis(0));
    expect(viridis(7)).toBe(viridis(1));
    expect(viridis(Number.NaN)).toBe(viridis(0));
  });

  it('maps intensity to gray', () => {
    expect(gray(0)).toBe('#000000');
    expect(gray(1)).toBe('#ffffff');
    expect(gray(0.5)).toBe('#808080');
  });
});
