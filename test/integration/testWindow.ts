// The one recording test window of the integration suites, as AWS Toolkit's getTestWindow():
// installed once over `vscode.window` (the extension and the tests share one `vscode` object, so
// it sees the extension's calls), it records every message, modal, input box, Quick Pick, status
// bar message and progress title, and lets a test answer them:
//   getTestWindow().onDidShowMessage((message) => message.modal && message.selectItem(message.items[0]));
// Handlers last until disposed, or to the end of the test (a root afterEach removes them). A modal nobody answers is dismissed,
// as a person pressing Escape would, so a forgotten handler never blocks the run; an unanswered
// notification, input box or Quick Pick goes on to the real window.
import * as vscode from 'vscode';

export type MessageKind = 'information' | 'warning' | 'error';

/** A shown message or modal: what it said, and the buttons it offered. */
export interface TestMessage {
  readonly kind: MessageKind;
  readonly message: string;
  readonly modal: boolean;
  readonly detail: string | undefined;
  /** The buttons' titles (string items, or MessageItem titles), in order. */
  readonly items: readonly string[];
  /** Answers with the button titled `title`. */
  selectItem(title: string): void;
  /** Answers as Escape (or the notification's close) would: undefined. */
  close(): void;
}

/** A shown input box. */
export interface TestInputBox {
  readonly options: vscode.InputBoxOptions;
  /** Answers as a person typing `value` and pressing Enter would. */
  acceptValue(value: string | undefined): void;
}

/** A shown Quick Pick (showQuickPick). */
export interface TestQuickPick {
  readonly items: readonly unknown[];
  readonly options: vscode.QuickPickOptions | undefined;
  /** Answers with `item` (one of `items`), or undefined as Escape would. */
  acceptItem(item: unknown): void;
}

/** One line of what was shown (for tests that read everything shown, such as the secret scans). */
export interface ShownEntry {
  where: string;
  text: string;
}

type Handler<T> = (shown: T) => void;
type MutableWindow = { -readonly [K in keyof typeof vscode.window]: (typeof vscode.window)[K] };

/** What the answer of a handler was: `answered` false lets the next handler (or the default) answer. */
interface Answer<T> {
  answered: boolean;
  value: T | undefined;
}

function answerable<T>(): { answer: Answer<T>; give(value: T | undefined): void } {
  const answer: Answer<T> = { answered: false, value: undefined };
  return {
    answer,
    give(value) {
      if (answer.answered) {
        throw new Error('this prompt was answered already');
      }
      answer.answered = true;
      answer.value = value;
    },
  };
}

export class TestWindow {
  /** Every message and modal shown since the window was installed. */
  readonly shownMessages: TestMessage[] = [];
  readonly shownInputBoxes: TestInputBox[] = [];
  readonly shownQuickPicks: TestQuickPick[] = [];
  private readonly recordings = new Set<ShownEntry[]>();
  private messageHandlers: Handler<TestMessage>[] = [];
  private inputBoxHandlers: Handler<TestInputBox>[] = [];
  private quickPickHandlers: Handler<TestQuickPick>[] = [];

  /** Calls `handler` for each message or modal shown in this test, until one answers it. */
  onDidShowMessage(handler: Handler<TestMessage>): vscode.Disposable {
    this.messageHandlers.push(handler);
    return { dispose: () => void (this.messageHandlers = this.messageHandlers.filter((candidate) => candidate !== handler)) };
  }

  /** Calls `handler` for each input box shown in this test, until one answers it. */
  onDidShowInputBox(handler: Handler<TestInputBox>): vscode.Disposable {
    this.inputBoxHandlers.push(handler);
    return { dispose: () => void (this.inputBoxHandlers = this.inputBoxHandlers.filter((candidate) => candidate !== handler)) };
  }

  /** Calls `handler` for each Quick Pick shown in this test, until one answers it. */
  onDidShowQuickPick(handler: Handler<TestQuickPick>): vscode.Disposable {
    this.quickPickHandlers.push(handler);
    return { dispose: () => void (this.quickPickHandlers = this.quickPickHandlers.filter((candidate) => candidate !== handler)) };
  }

  /** From now until stop(): every text shown (messages, their items, status bar, progress), with where it was shown. */
  startRecording(): { entries: ShownEntry[]; text(): string; stop(): void } {
    const entries: ShownEntry[] = [];
    this.recordings.add(entries);
    return {
      entries,
      text: () => entries.map((entry) => `${entry.where}: ${entry.text}`).join('\n'),
      stop: () => void this.recordings.delete(entries),
    };
  }

  /** Forgets this test's handlers (a root afterEach calls it). */
  resetHandlers(): void {
    this.messageHandlers = [];
    this.inputBoxHandlers = [];
    this.quickPickHandlers = [];
  }

  record(where: string, ...values: unknown[]): void {
    for (const value of values) {
      const text = typeof value === 'string' ? value : value && typeof value === 'object' ? (JSON.stringify(value, (_key, inner) => (typeof inner === 'function' ? undefined : inner)) ?? '') : undefined;
      if (text !== undefined) {
        this.recordings.forEach((entries) => entries.push({ where, text }));
      }
    }
  }

  install(): void {
    const window = vscode.window as MutableWindow;
    const message = (kind: MessageKind, name: 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage') => {
      const original = window[name] as (...args: unknown[]) => Thenable<unknown>;
      (window as Record<string, unknown>)[name] = (...args: unknown[]) => {
        this.record(name, ...args);
        const options = args[1] && typeof args[1] === 'object' && !('title' in (args[1] as object)) ? (args[1] as vscode.MessageOptions) : undefined;
        const items = args.slice(options ? 2 : 1).filter((item) => item !== undefined);
        const titleOf = (item: unknown) => (typeof item === 'string' ? item : (item as vscode.MessageItem).title);
        const { answer, give } = answerable<string>();
        const shown: TestMessage = {
          kind,
          message: String(args[0]),
          modal: options?.modal === true,
          detail: options?.detail,
          items: items.map(titleOf),
          selectItem: (title) => give(title),
          close: () => give(undefined),
        };
        this.shownMessages.push(shown);
        this.messageHandlers.some((handler) => (handler(shown), answer.answered));
        if (answer.answered) {
          return Promise.resolve(items.find((item) => titleOf(item) === answer.value));
        }
        return shown.modal ? Promise.resolve(undefined) : original.apply(window, args);
      };
    };
    message('information', 'showInformationMessage');
    message('warning', 'showWarningMessage');
    message('error', 'showErrorMessage');

    const showInputBox = window.showInputBox;
    window.showInputBox = ((options?: vscode.InputBoxOptions, token?: vscode.CancellationToken) => {
      const { answer, give } = answerable<string>();
      const shown: TestInputBox = { options: options ?? {}, acceptValue: give };
      this.shownInputBoxes.push(shown);
      this.inputBoxHandlers.some((handler) => (handler(shown), answer.answered));
      return answer.answered ? Promise.resolve(answer.value) : showInputBox.call(window, options, token);
    }) as typeof window.showInputBox;

    const showQuickPick = window.showQuickPick as (...args: unknown[]) => Thenable<unknown>;
    window.showQuickPick = (async (items: readonly unknown[] | Thenable<readonly unknown[]>, options?: vscode.QuickPickOptions, token?: vscode.CancellationToken) => {
      const resolved = await items;
      const { answer, give } = answerable<unknown>();
      const shown: TestQuickPick = { items: resolved, options, acceptItem: give };
      this.shownQuickPicks.push(shown);
      this.quickPickHandlers.some((handler) => (handler(shown), answer.answered));
      return answer.answered ? answer.value : showQuickPick.call(window, resolved, options, token);
    }) as typeof window.showQuickPick;

    const setStatusBarMessage = window.setStatusBarMessage as (...args: unknown[]) => vscode.Disposable;
    window.setStatusBarMessage = ((text: string, ...rest: unknown[]) => {
      this.record('setStatusBarMessage', text);
      return setStatusBarMessage.call(window, text, ...rest);
    }) as typeof window.setStatusBarMessage;

    const withProgress = window.withProgress;
    window.withProgress = ((options: vscode.ProgressOptions, task: Parameters<typeof window.withProgress>[1]) => {
      this.record('withProgress', options.title);
      return withProgress.call(window, options, (progress, token) => task({ report: (value) => (this.record('withProgress', value.message), progress.report(value)) }, token));
    }) as typeof window.withProgress;
  }
}

let installed: TestWindow | undefined;

/** The test window, installed over vscode.window on first use, for the rest of the run. */
export function getTestWindow(): TestWindow {
  if (!installed) {
    installed = new TestWindow();
    installed.install();
  }
  return installed;
}
