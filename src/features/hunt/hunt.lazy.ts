// The hunt, loaded on first use as one bundle (dist/hunt.lazy.js): the controller (form, progress,
// checkpoint, results panel). Activation only registers the commands (see register.ts and lazy.ts).
export { HuntController } from './huntController';
