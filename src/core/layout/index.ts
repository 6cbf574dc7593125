export type * from './types';
export { layoutScenario, itemsIn, SIZES, boxHeight } from './layout';
export { wirePath, hopPlace, tracePath, pointAlong, pointsBounds } from './path';
export type { TracePath, PathSegment } from './path';
export { routeTable } from './routes';
export type { RouteLine } from './routes';
export { syntheticScenario } from './synthetic';
