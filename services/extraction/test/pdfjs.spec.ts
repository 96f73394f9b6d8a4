describe('loading pdf.js', () => {
  it("leaves the engine's own Array.prototype.push, JSON.parse and JSON.stringify in place", async () => {
    const engine = { push: Array.prototype.push, parse: JSON.parse, stringify: JSON.stringify };
    await import('../src/extractors/pdfjs');
    expect(Array.prototype.push).toBe(engine.push);
    expect(JSON.parse).toBe(engine.parse);
    expect(JSON.stringify).toBe(engine.stringify);
  });
});
