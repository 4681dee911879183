/**
 * One autosave applied to an attempt held in memory, the way saveBatch applies it
 * to the stored one: fields merge by revision (never older over newer), events are
 * added once by number, the status only moves forward. Used by the memory store,
 * and by a resume whose journal cannot be written yet (storage full): what the
 * candidate typed is then shown from the journal, and stays queued.
 */
import { mergeFields, type AttemptRecord } from '../core/index.ts';
import type { AttemptSnapshot, SaveBatch } from './attempt-repository.ts';

export function applyBatch(snapshot: AttemptSnapshot, batch: SaveBatch, now = Date.now()): AttemptSnapshot {
  const record: AttemptRecord = {
    ...snapshot.record,
    fields: mergeFields(snapshot.record.fields, batch.patches).fields,
  };
  const events = [...snapshot.events];
  for (const event of batch.events) {
    if (!events.some((e) => e.seq === event.seq)) events.push(structuredClone(event));
    record.nextSeq = Math.max(record.nextSeq, event.seq + 1);
    record.lastTMono = Math.max(record.lastTMono, event.tMono);
  }
  events.sort((a, b) => a.seq - b.seq);
  if (batch.submit && record.status !== 'submitted') {
    record.status = 'submitted';
    record.submittedAt = batch.submit.submittedAt;
    record.autoSubmitted = batch.submit.autoSubmitted;
  }
  record.updatedAt = now;
  return { record, events };
}
