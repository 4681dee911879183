/**
 * The candidate's event log in words, for the hiring team. Pastes and focus
 * losses are flagged "review suggested": signals for a closer look, never proof
 * (DESIGN.md, "Timing and integrity": tab-switch detection has false positives).
 */
import { outputLabels, type Bundle, type EventType, type Result } from '../../../core/index.ts';
import { duration } from './format.ts';

export interface TimelineEntry {
  seq: number;
  type: EventType;
  /** Milliseconds since the start. */
  at: number;
  text: string;
  /** A signal worth a look: a paste or the page losing focus. */
  reviewSuggested: boolean;
}

export const REVIEW_SUGGESTED = 'review suggested';

const FLAGGED: ReadonlySet<EventType> = new Set(['critique.paste', 'focus.lost']);

export function timeline(result: Result, bundle: Bundle | null): TimelineEntry[] {
  const taskIndex = new Map(result.tasks.map((t, i) => [t.taskId, i]));
  const labels = new Map(result.tasks.map((t) => [t.taskId, outputLabels(t.shownOrder)]));
  const taskName = (id: unknown) => {
    const i = taskIndex.get(String(id));
    const title = bundle?.tasks.find((t) => t.id === id)?.title;
    return i === undefined ? `task “${String(id)}”` : `task ${i + 1}${title ? ` (${title})` : ''}`;
  };
  const label = (taskId: unknown, outputId: unknown) =>
    labels.get(String(taskId))?.[String(outputId)] ?? String(outputId);
  let lostAt: number | null = null;

  return result.events.map((event) => {
    const d = event.data;
    let text: string;
    switch (event.type) {
      case 'attempt.start':
        text = d.invited ? 'Started the exercise (from an invite)' : 'Started the exercise';
        break;
      case 'attempt.resume':
        text = 'Reopened the exercise';
        break;
      case 'task.open':
        text = `Opened ${taskName(d.taskId)}`;
        break;
      case 'task.leave':
        text = `Left ${taskName(d.taskId)}`;
        break;
      case 'focus.lost':
        lostAt = event.tMono;
        text = 'The page lost focus (another window or tab)';
        break;
      case 'focus.regained':
        text =
          lostAt === null
            ? 'The page regained focus'
            : `The page regained focus after ${duration(event.tMono - lostAt)}`;
        lostAt = null;
        break;
      case 'critique.paste':
        text = `Pasted ${typeof d.length === 'number' ? d.length : '?'} characters from outside the task into the critique of Response ${label(d.taskId, d.outputId)}, ${taskName(d.taskId)}`;
        break;
      case 'critique.quote': {
        const from =
          d.from === 'response'
            ? `Response ${label(d.taskId, d.fromOutputId)}`
            : d.from === 'context'
              ? 'the context'
              : 'the prompt';
        text = `Quoted ${typeof d.length === 'number' ? d.length : '?'} characters of ${from} in the critique of Response ${label(d.taskId, d.outputId)}, ${taskName(d.taskId)}`;
        break;
      }
      case 'ranking.change': {
        const order = Array.isArray(d.ranking) ? d.ranking.map((id) => label(d.taskId, id)) : [];
        text = `Changed the ranking of ${taskName(d.taskId)}${order.length ? `: ${order.join(', ')}` : ''}`;
        break;
      }
      case 'deadline.warning':
        text = `Time warning: ${String(d.minutesLeft)} min left`;
        break;
      case 'deadline.reached':
        text = 'The deadline passed';
        break;
      case 'attempt.submit':
        text = d.auto ? 'Submitted automatically at the deadline' : 'Submitted';
        if (typeof d.missing === 'number' && d.missing > 0) text += ` (${d.missing} items left incomplete)`;
        break;
      case 'result.export':
        text = `Exported the result file (${String(d.status)})`;
        break;
      case 'tab.takeover':
        text = 'Continued in another tab of the same browser';
        break;
      case 'key.created':
        text = 'Made a new signing key (the browser could not keep the first)';
        break;
    }
    return { seq: event.seq, type: event.type, at: event.tMono, text, reviewSuggested: FLAGGED.has(event.type) };
  });
}
