// Recharts measures its container; jsdom has no layout, so give it a ResizeObserver that does nothing.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver = globalThis.ResizeObserver || ResizeObserverStub;

// jsdom has no pointer capture, which every browser the app supports has: the drags of the charts and
// of the drawing pad capture the pointer on pointerdown.
const { Element } = globalThis;
if (!Element.prototype.setPointerCapture) Element.prototype.setPointerCapture = function setPointerCapture() {};
