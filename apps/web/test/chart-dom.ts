import { act, fireEvent } from '@testing-library/react';

/** Reading and driving a Recharts chart rendered in jsdom at a fixed size. */

export const tickTexts = (container: HTMLElement, axis: 'x' | 'y') =>
  Array.from(container.querySelectorAll(`.recharts-${axis}Axis-tick-labels .recharts-cartesian-axis-tick-value`)).map((t) => t.textContent);

/** Each y tick's label and its vertical position in the SVG. */
export const yTickPositions = (container: HTMLElement) =>
  Array.from(container.querySelectorAll('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')).map((t) => ({
    label: t.textContent,
    y: Number(t.getAttribute('y')),
  }));

export const linePaths = (container: HTMLElement, selector = 'path.recharts-line-curve') =>
  Array.from(container.querySelectorAll<SVGPathElement>(selector)).map((p) => p.getAttribute('d') ?? '');

/** The points of an SVG path made of straight segments ("M x,y L x,y ..."). */
export const pathPoints = (d: string) =>
  Array.from(d.matchAll(/[ML]\s*([\d.-]+)[ ,]([\d.-]+)/g)).map((m) => [Number(m[1]), Number(m[2])] as const);

// the mouse handlers run on the next animation frame
const frame = () =>
  act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 30));
  });

function wrapperOf(container: HTMLElement, width: number, height: number): Element {
  const wrapper = container.querySelector('.recharts-wrapper')!;
  jest
    .spyOn(wrapper, 'getBoundingClientRect')
    .mockReturnValue({ left: 0, top: 0, right: width, bottom: height, width, height, x: 0, y: 0, toJSON: () => ({}) });
  return wrapper;
}

/** Moves the pointer to x (CSS pixels from the chart's left edge), halfway down. */
export async function hover(container: HTMLElement, x: number, size = { width: 640, height: 300 }) {
  const wrapper = wrapperOf(container, size.width, size.height);
  fireEvent.mouseMove(wrapper, { clientX: x, clientY: size.height / 2 });
  await frame();
}

/** Presses at `from`, drags to `to` and releases, as a user selecting a range. */
export async function drag(container: HTMLElement, from: number, to: number, size = { width: 640, height: 300 }) {
  const wrapper = wrapperOf(container, size.width, size.height);
  const y = size.height / 2;
  fireEvent.mouseMove(wrapper, { clientX: from, clientY: y });
  await frame();
  fireEvent.mouseDown(wrapper, { clientX: from, clientY: y });
  await frame();
  fireEvent.mouseMove(wrapper, { clientX: to, clientY: y });
  await frame();
  fireEvent.mouseUp(wrapper, { clientX: to, clientY: y });
  await frame();
}
