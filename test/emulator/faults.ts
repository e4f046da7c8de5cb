// Fault injection. Each request whose path matches draws exactly one number from the fault
// PRNG, so the same seed and the same request order give the same faults every run.
import { Rng } from './prng';

export interface FaultOptions {
  serverErrorRate?: number;
  unavailableRate?: number;
  connectionResetRate?: number;
  hangRate?: number;
  malformedJsonRate?: number;
  truncatedJsonRate?: number;
  slowBodyMs?: number;
  tooManyRequestsRate?: number;
  onlyPaths?: RegExp;
}

export type FaultKind = 'serverError' | 'unavailable' | 'connectionReset' | 'hang' | 'malformedJson' | 'truncatedJson' | 'tooManyRequests';

const RATE_OF: readonly (readonly [FaultKind, keyof FaultOptions])[] = [
  ['serverError', 'serverErrorRate'],
  ['unavailable', 'unavailableRate'],
  ['connectionReset', 'connectionResetRate'],
  ['hang', 'hangRate'],
  ['malformedJson', 'malformedJsonRate'],
  ['truncatedJson', 'truncatedJsonRate'],
  ['tooManyRequests', 'tooManyRequestsRate'],
];

const DEFAULT_FAULT_PATHS = /^\/api\/v2\//;

/** What a proxy in front of Auth0 answers on a bad day: a 200 that is not JSON. */
export const MALFORMED_BODY = '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';

export class FaultInjector {
  private readonly rng: Rng;
  private options: FaultOptions = {};

  constructor(seed: number, options: FaultOptions = {}) {
    this.rng = Rng.for(seed, 'faults');
    this.configure(options);
  }

  configure(options: FaultOptions): void {
    for (const [, key] of RATE_OF) {
      const rate = options[key];
      if (rate !== undefined && (typeof rate !== 'number' || rate < 0 || rate > 1)) {
        throw new RangeError(`faults.${key} must be between 0 and 1, got ${String(rate)}`);
      }
    }
    this.options = { ...options };
  }

  applies(path: string): boolean {
    return (this.options.onlyPaths ?? DEFAULT_FAULT_PATHS).test(path);
  }

  /** The fault for this request, if any. Rates are cumulative slices of one draw. */
  draw(path: string): FaultKind | undefined {
    if (!this.applies(path)) {
      return undefined;
    }
    const roll = this.rng.float();
    let threshold = 0;
    for (const [kind, key] of RATE_OF) {
      threshold += (this.options[key] as number | undefined) ?? 0;
      if (roll < threshold) {
        return kind;
      }
    }
    return undefined;
  }

  slowBodyMsFor(path: string): number {
    return this.applies(path) ? this.options.slowBodyMs ?? 0 : 0;
  }
}

/** The first half of a JSON body: a 200 whose body ends mid-value. */
export function truncate(body: string): string {
  return body.slice(0, Math.max(1, Math.floor(body.length / 2)));
}
