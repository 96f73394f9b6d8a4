import { allRequests, transportErrorCodes } from '../src';
import { requestContracts } from '../scripts/json-schemas';

describe('request contracts', () => {
  it('are all in allRequests, so the codes they fail with are all in RequestErrorCode', () => {
    expect(allRequests.map((request) => request.name).sort()).toEqual(requestContracts().map((request) => request.name));
  });

  it('declare each of their own error codes once, and none the transport already has', () => {
    for (const request of allRequests) {
      const own: readonly string[] = request.errors;
      expect({ request: request.name, codes: [...new Set(own)] }).toEqual({ request: request.name, codes: own });
      expect({ request: request.name, codes: own.filter((code) => (transportErrorCodes as readonly string[]).includes(code)) }).toEqual({
        request: request.name,
        codes: [],
      });
    }
  });
});
