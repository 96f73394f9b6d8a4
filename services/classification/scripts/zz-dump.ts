import { loadFieldsCorpus } from '/work/wt/fields/services/classification/scripts/fields-corpus';
loadFieldsCorpus().then(({ documents }) => {
  for (const id of process.argv.slice(2)) {
    const d = documents.find((x) => x.id === id)!;
    console.log('=====', id, JSON.stringify(d.labels));
    console.log(
      d.document.pages
        .map((p) => p.text)
        .join('\n<<PAGE>>\n')
        .slice(0, 3000),
    );
  }
});
