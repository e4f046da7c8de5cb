// The watch, loaded on first use as one bundle (dist/watch.lazy.js): the controller, the core's
// tail and judge, the feed. Activation only registers the commands (see register.ts and lazy.ts).
export { WatchController } from './watchController';
