import { StopMarks } from '../src/stage-worker/stop-marks';

const doc = (documentId: string) => ({ tenantId: 't1', documentId });

describe('stop marks', () => {
  it('stops the runs that started before a cancel, and lets a later run (a reprocess) go on', () => {
    const marks = new StopMarks();
    marks.cancelled(doc('a'), '2025-01-01T00:00:05.000Z');

    expect(marks.reasonToStop(doc('a'), '2025-01-01T00:00:01.000Z')).toBe('document_cancelled');
    expect(marks.reasonToStop(doc('a'), '2025-01-01T00:00:05.000Z')).toBe('document_cancelled');
    expect(marks.reasonToStop(doc('a'), '2025-01-01T00:00:06.000Z')).toBeNull();
    expect(marks.reasonToStop(doc('b'), '2025-01-01T00:00:01.000Z')).toBeNull();
    expect(marks.reasonToStop({ tenantId: 't2', documentId: 'a' }, '2025-01-01T00:00:01.000Z')).toBeNull();
  });

  it('keeps the newest cancel, whatever order the cancels arrive in', () => {
    const marks = new StopMarks();
    marks.cancelled(doc('a'), '2025-01-01T00:00:09.000Z');
    marks.cancelled(doc('a'), '2025-01-01T00:00:05.000Z');

    expect(marks.reasonToStop(doc('a'), '2025-01-01T00:00:07.000Z')).toBe('document_cancelled');
  });

  it('stops every run of a deleted document, and a cancel heard later does not undo it', () => {
    const marks = new StopMarks();
    marks.deleted(doc('a'));
    marks.cancelled(doc('a'), '2025-01-01T00:00:01.000Z');

    expect(marks.reasonToStop(doc('a'), '2030-01-01T00:00:00.000Z')).toBe('document_deleted');
  });

  it('forgets the oldest marks beyond its capacity', () => {
    const marks = new StopMarks(2);
    marks.deleted(doc('a'));
    marks.deleted(doc('b'));
    marks.deleted(doc('c'));

    expect(['a', 'b', 'c'].map((id) => marks.reasonToStop(doc(id), '2025-01-01T00:00:00.000Z'))).toEqual([
      null,
      'document_deleted',
      'document_deleted',
    ]);
  });
});
