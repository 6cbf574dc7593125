export type * from './types';
export { layoutScenario, itemsIn, SIZES, FONT, READABLE_PX, boxHeight } from './layout';
export { wirePath, hopPlace, tracePath, pointAlong, pointsBounds } from './path';
export type { TracePath, PathSegment } from './path';
export { routeTable } from './routes';
export type { RouteLine } from './routes';
export { syntheticScenario } from './synthetic';
export {
  viewFit,
  viewKeep,
  viewFlow,
  hopRects,
  rectsBounds,
  readableScale,
  freeArea,
} from './viewport';
export type { View, Screen, Insets, FitOptions, FlowFrameOptions } from './viewport';
