import type { Effect } from './effects.js';
import type { CallState, Node } from './state.js';

/** What happens after the words of a step are said. */
export type Next =
  /** Ask the question of the state's node and wait for keys. */
  | { kind: 'ask' }
  /** Do this, then continue the dialog with its outcome before answering the caller. */
  | { kind: 'perform'; effect: Effect }
  /** Hand the call to the agent line. */
  | { kind: 'dial' }
  | { kind: 'hang-up' };

export interface Step {
  state: CallState;
  say: string[];
  next: Next;
}

/** Moves to a new question: its tries start again. */
export const ask = (state: CallState, node: Node, say: string[] = []): Step => ({
  state: { ...state, node, tries: 0 },
  say,
  next: { kind: 'ask' },
});

/** Asks the current question again, keeping its count of failed tries. */
export const askAgain = (state: CallState, say: string[] = []): Step => ({
  state,
  say,
  next: { kind: 'ask' },
});

export const perform = (state: CallState, effect: Effect, say: string[] = []): Step => ({
  state,
  say,
  next: { kind: 'perform', effect },
});

export const hangUp = (state: CallState, say: string[]): Step => ({ state, say, next: { kind: 'hang-up' } });

export const dial = (state: CallState, say: string[]): Step => ({
  state: { ...state, node: { at: 'with-agent' }, tries: 0 },
  say,
  next: { kind: 'dial' },
});
