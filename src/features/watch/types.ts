// The watch feature's public types: what the extension's wiring and its tests may know of it. Types only.
export type { WatchController, WatchArguments } from './watchController';
export type { WatchEnvironment } from './watchEnvironment';
