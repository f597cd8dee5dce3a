import MiniSearch, { type SearchResult } from 'minisearch';
import { SEARCH_FIELD_BOOST, type SearchDoc, type SearchType } from './search-documents.js';

/** One ranked hit in the API's shape. */
export interface SearchHit {
  type: SearchType;
  id: string;
  title: string;
  description: string;
  url: string;
  /** 0..1, the best hit of a query scores 1. */
  score: number;
}

export interface SearchQuery {
  q: string;
  /** Only these types; all when omitted. */
  types?: readonly SearchType[];
  limit: number;
  /** Decides per document whether the caller may see it. */
  visible?: (doc: Pick<SearchDoc, 'type' | 'owner'>) => boolean;
}

type StoredFields = Pick<SearchDoc, 'type' | 'id' | 'title' | 'description' | 'url' | 'owner'>;

const FIELDS = Object.keys(SEARCH_FIELD_BOOST);
const STORE_FIELDS: (keyof StoredFields)[] = ['type', 'id', 'title', 'description', 'url', 'owner'];
const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];

/**
 * Full-text index of one cluster's jobs, nodes, users and partitions (MiniSearch, BM25+).
 * Kept up to date document by document, so a snapshot change costs one replace, not a rebuild.
 */
export class SearchIndex {
  private readonly mini = new MiniSearch<SearchDoc>({
    idField: 'key',
    fields: FIELDS,
    storeFields: STORE_FIELDS,
    searchOptions: { boost: { ...SEARCH_FIELD_BOOST } },
  });
  /** Keys per type, so a type can be replaced wholesale. */
  private readonly keysByType = new Map<SearchType, Set<string>>();

  get size(): number {
    return this.mini.documentCount;
  }

  upsert(doc: SearchDoc): void {
    if (this.mini.has(doc.key)) this.mini.replace(doc);
    else this.mini.add(doc);
    this.keys(doc.type).add(doc.key);
  }

  remove(type: SearchType, id: string): void {
    const key = `${type}:${id}`;
    if (!this.mini.has(key)) return;
    this.mini.discard(key);
    this.keys(type).delete(key);
  }

  /** Makes the documents of `type` exactly `docs`: upserts them, drops the others. */
  replaceType(type: SearchType, docs: Iterable<SearchDoc>): void {
    const stale = new Set(this.keys(type));
    for (const doc of docs) {
      stale.delete(doc.key);
      this.upsert(doc);
    }
    for (const key of stale) {
      this.mini.discard(key);
      this.keys(type).delete(key);
    }
  }

  /**
   * Ranks first by how many of the query's words a document matches, then by BM25 score:
   * "alice gpu" puts alice's GPU jobs before alice's other jobs and before GPU nodes.
   * Score = (matchedWords - 1 + bm25 / bestBm25OfThoseMatchingAsMany) / queryWords: it lies
   * in 0..1, never rises down the list, and is 1 for the best hit matching every word.
   */
  search(query: SearchQuery): { hits: SearchHit[]; total: number } {
    const words = new Set(tokenize(query.q.toLowerCase()).filter((w) => w.length > 0));
    if (words.size === 0) return { hits: [], total: 0 };
    const types = query.types ? new Set<string>(query.types) : null;
    const results = this.mini.search(query.q, {
      combineWith: 'OR',
      prefix: (term) => term.length >= 3,
      // Typos in words, never in ids: node002 must not find node001.
      fuzzy: (term) => (term.length >= 5 && !/\d/.test(term) ? 0.2 : false),
      filter: (r) => {
        const doc = r as unknown as StoredFields;
        return (!types || types.has(doc.type)) && (!query.visible || query.visible(doc));
      },
    });
    const matched = (r: SearchResult) => Math.min(new Set(r.queryTerms).size, words.size);
    const ranked = results
      .map((r) => ({ r, n: matched(r) }))
      .sort((a, b) => b.n - a.n || b.r.score - a.r.score);
    const best = new Map<number, number>();
    for (const { r, n } of ranked) if (!best.has(n)) best.set(n, r.score);
    const hits = ranked
      .slice(0, query.limit)
      .map(({ r, n }) => toHit(r, n, best.get(n) ?? r.score, words.size));
    return { hits, total: results.length };
  }

  private keys(type: SearchType): Set<string> {
    let keys = this.keysByType.get(type);
    if (!keys) {
      keys = new Set();
      this.keysByType.set(type, keys);
    }
    return keys;
  }
}

function toHit(r: SearchResult, matched: number, best: number, words: number): SearchHit {
  const doc = r as unknown as StoredFields;
  const relative = best > 0 ? r.score / best : 1;
  const score = (Math.max(matched, 1) - 1 + relative) / words;
  return {
    type: doc.type,
    id: doc.id,
    title: doc.title,
    description: doc.description,
    url: doc.url,
    score: Math.round(Math.min(Math.max(score, 0), 1) * 1000) / 1000,
  };
}
