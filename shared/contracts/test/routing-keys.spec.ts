import { allContracts, DocumentTimelineAppended, DocumentUploaded } from '../src';

describe('event contracts', () => {
  it('route by type and version, so a v2 can be bound beside v1', () => {
    expect(DocumentUploaded.routingKey).toBe('document.uploaded.v1');
    for (const contract of [...allContracts, DocumentTimelineAppended]) {
      expect(contract.routingKey).toBe(`${contract.type}.v${contract.version}`);
    }
  });
});
