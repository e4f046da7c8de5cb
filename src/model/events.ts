// A minimal event emitter for the vscode-free model. Its `event` has the shape of VS Code's
// `Event<T>` (a function that takes a listener and returns a disposable), so the VS Code layer
// subscribes to the model exactly as it subscribes to VS Code's own events.

export interface Disposable {
  dispose(): void;
}

/** Subscribes `listener`; dispose the result to unsubscribe. */
export type ModelEvent<T> = (listener: (value: T) => void) => Disposable;

export class Emitter<T> implements Disposable {
  private readonly listeners = new Set<(value: T) => void>();

  readonly event: ModelEvent<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  /** Calls every listener with `value`; one listener's exception does not stop the others. */
  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        console.error(error);
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
