// The hunt's public types: what the extension's wiring and its tests may know of the hunt. Types only.
export type { HuntController } from './huntController';
export type { HuntEnvironment } from './huntEnvironment';
