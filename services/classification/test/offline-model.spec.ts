import { DEFAULT_DOCUMENT_TYPES } from '@docpipe/contracts';
import { DEFAULT_MODEL_PATH, OfflineClassifier, readModelFile } from '../src/adapters/offline.classifier';
import { ClassifierModelError } from '../src/errors';
import { fitTemperature } from '../src/model/calibration';
import { modelFileSchema } from '../src/model/model-file';
import { OfflineModel } from '../src/model/offline-model';
import { sourceBalancedWeights, trainModel, trainingSettings } from '../src/model/train';
import { contractText, extractedText, invoiceText } from './support/documents';

const taxonomy = [...DEFAULT_DOCUMENT_TYPES];

describe('the committed offline model', () => {
  const file = readModelFile(DEFAULT_MODEL_PATH);
  const classifier = new OfflineClassifier(file, taxonomy);

  it('knows every type of the default taxonomy and names its version', () => {
    expect([...file.labels].sort()).toEqual([...taxonomy].sort());
    expect(classifier.id).toEqual({ name: 'offline-softmax', version: file.version });
  });

  it('classifies unseen documents of different types', async () => {
    await expect(classifier.classify(extractedText(invoiceText))).resolves.toMatchObject({ documentType: 'invoice' });
    await expect(classifier.classify(extractedText(contractText))).resolves.toMatchObject({ documentType: 'contract' });
    const paper =
      'Abstract\nWe measured nitrate leaching in 30 catchments. Results show a 12% decrease (p < 0.05) [3].\n\n1. Introduction\nPrevious work (Jones et al., 2018) ...\n\nReferences\n[1] Smith A. et al. (2020)';
    await expect(classifier.classify(extractedText(paper))).resolves.toMatchObject({ documentType: 'scientific-paper' });
  });

  it('gives a confidence between 0 and 1 that is the winning probability', async () => {
    const { confidence } = await classifier.classify(extractedText(invoiceText));
    const [best] = new OfflineModel(file).probabilities(extractedText(invoiceText));
    expect(confidence).toBeGreaterThan(0.3);
    expect(confidence).toBeLessThanOrEqual(1);
    expect(confidence).toBeCloseTo(best.probability, 3);
  });

  it('counts types the taxonomy leaves out as other', async () => {
    const narrow = new OfflineClassifier(file, ['contract', 'other']);
    await expect(narrow.classify(extractedText(invoiceText))).resolves.toMatchObject({ documentType: 'other' });
  });

  it('refuses a taxonomy with a type the model was not trained on', () => {
    expect(() => new OfflineClassifier(file, ['invoice', 'purchase-order', 'other'])).toThrow(ClassifierModelError);
    expect(() => new OfflineClassifier(file, ['invoice', 'purchase-order', 'other'])).toThrow(/purchase-order/);
  });
});

describe('training', () => {
  const examples = [
    ['invoice', 'Invoice number 17 total due EUR 120.00 payment within 14 days'],
    ['invoice', 'Invoice no. 18 amount due USD 99.00 please pay by bank transfer'],
    ['invoice', 'Tax invoice 19 balance due GBP 45.00 payment terms 30 days'],
    ['letter', 'Dear Anna, thank you for your kind letter. Yours sincerely, Tom'],
    ['letter', 'Dear Sir, I write to confirm our meeting. Kind regards, Maria'],
    ['letter', 'Dear Mrs Lee, thank you for your visit. Best regards, Omar'],
    ['other', 'Preheat the oven, mix the flour and sugar, bake for twenty minutes'],
    ['other', 'The ferry left the harbour as the gulls circled over the quay'],
    ['other', 'Tram 28 early, then the castle and lunch in the old town'],
  ].map(([label, text], i) => ({ label, document: extractedText(text, `d${i}`) }));
  const settings = { ...trainingSettings, iterations: 60 };

  it('is deterministic: the same documents give the same model file and version', () => {
    const first = trainModel(examples, ['invoice', 'letter', 'other'], settings);
    const second = trainModel(examples, ['invoice', 'letter', 'other'], settings);
    expect(second).toEqual(first);
    expect(modelFileSchema.safeParse(first).success).toBe(true);
  });

  it('learns to tell the types apart', () => {
    const model = new OfflineModel(trainModel(examples, ['invoice', 'letter', 'other'], settings));
    expect(model.probabilities(extractedText('Invoice 20: total amount due EUR 300.00, pay within 10 days'))[0].label).toBe('invoice');
    expect(model.probabilities(extractedText('Dear John, thank you for the flowers. Kind regards, Eve'))[0].label).toBe('letter');
  });

  it('fits a temperature that tempers confidence where the model is wrong, without changing which type wins', () => {
    const model = new OfflineModel(trainModel(examples, ['invoice', 'letter', 'other'], settings));
    // Held-out documents written against the grain: invoice words in a letter, letter words on a shopping list.
    const surprising = [
      ['letter', 'Dear Paul, the invoice total due is EUR 80.00, payment within 14 days. Kind regards, Ann'],
      ['other', 'Dear garden diary, thank you sunshine, kind regards to the roses'],
      ['invoice', 'Invoice number 21 total due EUR 10.00'],
    ].map(([label, text], i) => ({ label, document: extractedText(text, `h${i}`) }));
    const fitted = fitTemperature([{ model, heldOut: surprising }]);
    expect(fitted.temperature).toBeGreaterThan(1);
    expect(fitted.nll).toBeLessThan(fitted.plainNll);
    const vector = model.vector(surprising[0].document);
    expect(model.probabilitiesOf(vector, fitted.temperature)[0].label).toBe(model.probabilitiesOf(vector, 1)[0].label);
  });

  it('fits the temperature with a source’s held-out documents of one type counting as one document', () => {
    const model = new OfflineModel(trainModel(examples, ['invoice', 'letter', 'other'], settings));
    const surprise = {
      label: 'letter',
      source: 'a-shop',
      document: extractedText('Dear Paul, the invoice total due is EUR 80.00, payment within 14 days. Kind regards, Ann'),
    };
    const plain = { label: 'invoice', source: 'one-corpus', document: extractedText('Invoice number 21 total due EUR 10.00') };
    const once = fitTemperature([{ model, heldOut: [surprise, plain] }]);
    // Twenty copies from one corpus weigh as much as one: they would otherwise drown the shop's surprising letter.
    const many = fitTemperature([{ model, heldOut: [surprise, ...Array.from({ length: 20 }, () => plain)] }]);
    expect(many.temperature).toBe(once.temperature);
    expect(many.nll).toBeCloseTo(once.nll, 10);
  });

  it('weighs a large source of one type like a few small ones, keeping each type’s total weight', () => {
    const document = extractedText('x');
    const invoices = [
      ...Array.from({ length: 9 }, () => ({ label: 'invoice', source: 'one-corpus', document })),
      { label: 'invoice', source: 'a-shop', document },
    ];
    const letters = [{ label: 'letter', source: 'one-corpus', document }];
    const weights = sourceBalancedWeights([...invoices, ...letters]);
    // 1/sqrt(9) per document of the corpus against 1 for the shop's: the corpus as a whole counts 3 to 1.
    expect(weights[0] * 9).toBeCloseTo(weights[9] * 3, 10);
    expect(weights.slice(0, 10).reduce((a, b) => a + b, 0)).toBeCloseTo(10, 10);
    expect(weights[10]).toBe(1);
  });

  it('refuses a document labelled outside the labels', () => {
    expect(() => trainModel(examples, ['invoice', 'letter'], settings)).toThrow(/labelled "other"/);
  });
});
