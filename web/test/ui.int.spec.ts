import { appearanceBehaviour } from './appearance.behaviour';
import { documentListBehaviour } from './document-list.behaviour';
import { documentPageBehaviour } from './document-page.behaviour';
import { documentsBehaviour } from './documents.behaviour';
import { keysBehaviour } from './keys.behaviour';
import { pipelineBehaviour } from './pipeline.behaviour';
import { searchBehaviour } from './search.behaviour';
import { signInBehaviour } from './sign-in.behaviour';
import { useBrowserUi } from './support/browser-ui';
import { webhooksBehaviour } from './webhooks.behaviour';

/*
 * One stack and one browser for every page's behaviours, in this order: each page's tests build on the documents
 * the earlier ones uploaded (search finds what Documents uploaded), and starting the fleet once keeps `npm test` short.
 */
describe('the web UI in a browser, against the whole stack', () => {
  const ui = useBrowserUi();
  signInBehaviour(ui);
  documentsBehaviour(ui);
  searchBehaviour(ui);
  documentPageBehaviour(ui);
  documentListBehaviour(ui);
  pipelineBehaviour(ui);
  keysBehaviour(ui);
  webhooksBehaviour(ui);
  appearanceBehaviour(ui);

  it('ran without any service crashing', () => {
    const { fleet } = ui;
    expect(fleet.exits).toEqual([]);
  });
});
