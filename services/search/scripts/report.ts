/* The search evaluation's report: a table per split on stdout and in eval/results/search.md, per-query ranks on stdout. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { agreementAt } from './engine-fusion';
import { firstRelevantRank, mean, ndcgAt, recallAt, reciprocalRank } from './metrics';

// Each mode, plain RRF (the fusion hybrid search used first) as the baseline, and hybrid's first stage alone
// (convex score fusion, not reranked).
// `exact` is keyword search without typo tolerance; `engine` is hybrid search as OpenSearch's own fusion would rank
// the same two rankings (OPENSEARCH_NATIVE_SEARCH, imitated by scripts/engine-fusion.ts).
export const RANKINGS = ['keyword', 'exact', 'semantic', 'rrf', 'convex', 'hybrid', 'engine'] as const;
export type Ranking = (typeof RANKINGS)[number];

export interface Outcome {
  query: { id: string; group: string; q: string; relevant: string[] };
  ranked: Record<Ranking, string[]>;
  split: 'train' | 'test';
  /** Content words the query shares with its relevant documents. */
  shared: string[];
}

export interface Setup {
  description: string[];
  pageSize: number;
  resultsDir: string;
}

interface Row {
  queries: number;
  recallAt5: number;
  mrr: number;
  ndcg: number;
}

// The issue's targets for hybrid search over all queries.
const TARGET = { recallAt5: 0.92, mrr: 0.8 };

/** The groups a report has rows for: the queries' own, then the derived ones. */
export function reportGroups(outcomes: readonly Pick<Outcome, 'query'>[]): string[] {
  return [...new Set(outcomes.map((o) => o.query.group)), 'paraphrase, none shared', 'multi-document', 'all'];
}

export function report(outcomes: readonly Outcome[], setup: Setup): Record<string, unknown> {
  const groups = reportGroups(outcomes);
  const rows: Record<string, Record<string, Row>> = {};
  const tables: string[] = [];
  for (const split of ['test', 'all'] as const) {
    const lines = [
      split === 'test' ? 'held-out half (hybrid settings not learned on these):' : 'all queries:',
      `ranking   group                    queries  recall@5  MRR@${setup.pageSize}  nDCG@10`,
    ];
    for (const ranking of RANKINGS) {
      rows[`${ranking}/${split}`] = {};
      for (const group of groups) {
        const selected = outcomes.filter((o) => inGroup(o, group) && (split === 'all' || o.split === split));
        if (selected.length === 0) continue;
        const row = {
          queries: selected.length,
          recallAt5: round(mean(selected.map((o) => recallAt(5, o.ranked[ranking], o.query.relevant)))),
          mrr: round(mean(selected.map((o) => reciprocalRank(o.ranked[ranking], o.query.relevant)))),
          ndcg: round(mean(selected.map((o) => ndcgAt(10, o.ranked[ranking], o.query.relevant)))),
        };
        rows[`${ranking}/${split}`][group] = row;
        lines.push(
          `${ranking.padEnd(9)} ${group.padEnd(24)} ${String(row.queries).padStart(7)}  ${row.recallAt5.toFixed(3).padStart(8)}  ${row.mrr.toFixed(3).padStart(6)}  ${row.ndcg.toFixed(3).padStart(7)}`,
        );
      }
    }
    tables.push(lines.join('\n'));
  }
  const verdicts = ['test', 'all'].map((split) => {
    const hybrid = rows[`hybrid/${split}`];
    const behind = Object.keys(hybrid).filter((group) =>
      (['recallAt5', 'mrr'] as const).some(
        (metric) => hybrid[group][metric] < Math.max(rows[`keyword/${split}`][group][metric], rows[`semantic/${split}`][group][metric]),
      ),
    );
    return `${split === 'test' ? 'held-out' : 'all'}: hybrid ≥ max(keyword, semantic) in recall@5 and MRR in ${Object.keys(hybrid).length - behind.length}/${Object.keys(hybrid).length} groups${behind.length > 0 ? ` (behind in: ${behind.join('; ')})` : ''}; overall recall@5 ${hybrid.all.recallAt5.toFixed(3)} (target ${TARGET.recallAt5}), MRR ${hybrid.all.mrr.toFixed(3)} (target ${TARGET.mrr})`;
  });
  const text = [
    ...setup.description,
    '',
    ...tables.flatMap((table) => [table, '']),
    ...verdicts,
    '',
    ...engineAgreement(outcomes, groups),
  ].join('\n');
  console.log(`\n${text}`);

  console.log(`\nfirst relevant rank per query (${RANKINGS.join(' / ')}; - = not in the top ${setup.pageSize}):`);
  for (const { query, ranked, shared } of outcomes) {
    const ranks = RANKINGS.map((ranking) => firstRelevantRank(ranked[ranking], query.relevant) ?? '-').join(' / ');
    console.log(`  ${query.id}  ${ranks.padEnd(16)} ${query.q}${shared.length > 0 ? `  [shared: ${shared.join(', ')}]` : ''}`);
  }

  mkdirSync(setup.resultsDir, { recursive: true });
  writeFileSync(
    join(setup.resultsDir, 'search.md'),
    `# Search: keyword, semantic and hybrid ranking\n\n\`npm run eval:search\`; baselines: \`rrf\`, plain reciprocal rank fusion (hybrid search before the score fusion), and \`convex\`, the score fusion without the reranker (hybrid search before the reranker)\n\n\`\`\`\n${text}\n\`\`\`\n`,
  );
  return rows;
}

/**
 * How often the engine's fusion (`engine`) returns the app's top documents (`hybrid`, what the service answers): per
 * split and group, the mean share of the app's first 5 and 10 documents among the engine's, the share of queries
 * with the same first document, and with the same first 5 in the same order.
 */
function engineAgreement(outcomes: readonly Outcome[], groups: readonly string[]): string[] {
  const lines: string[] = [];
  for (const split of ['test', 'all'] as const) {
    lines.push(
      `engine vs hybrid, ${split === 'test' ? 'held-out half' : 'all queries'}:`,
      'group                    queries  top-5 overlap  top-10 overlap  same first  same top-5 order',
    );
    for (const group of groups) {
      const selected = outcomes.filter((o) => inGroup(o, group) && (split === 'all' || o.split === split));
      if (selected.length === 0) continue;
      const at = (k: number) => selected.map((o) => agreementAt(k, o.ranked.hybrid, o.ranked.engine));
      const share = (values: boolean[]) => mean(values.map((value) => (value ? 1 : 0)));
      lines.push(
        `${group.padEnd(24)} ${String(selected.length).padStart(7)}  ${round(mean(at(5).map((a) => a.overlap)))
          .toFixed(3)
          .padStart(13)}  ${round(mean(at(10).map((a) => a.overlap)))
          .toFixed(3)
          .padStart(14)}  ${round(share(at(1).map((a) => a.sameFirst)))
          .toFixed(3)
          .padStart(10)}  ${round(share(at(5).map((a) => a.sameOrder)))
          .toFixed(3)
          .padStart(16)}`,
      );
    }
    lines.push('');
  }
  return lines;
}

/** A query group, everything, the paraphrases that share no content word with their documents, or queries with several answers. */
/** Whether a query counts in a report group (its own group, or one of the groups derived from it). */
export function inGroup(outcome: Pick<Outcome, 'query' | 'shared'>, group: string): boolean {
  // The typo variants are measured apart: "all" stays the written queries, comparable with earlier runs.
  if (group === 'all') return outcome.query.group !== 'typo';
  if (group === 'paraphrase, none shared') return outcome.query.group === 'paraphrase' && outcome.shared.length === 0;
  if (group === 'multi-document') return outcome.query.relevant.length > 1 && outcome.query.group !== 'typo';
  return outcome.query.group === group;
}

export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
