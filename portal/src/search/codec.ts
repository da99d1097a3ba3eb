/**
 * A compact encoding of lunr's serialised index (lunr.Index#toJSON), about half the size
 * gzipped. It changes only the notation, never what is indexed:
 *   - term numbers (_index) become the terms' positions in lunr's sorted term list,
 *   - postings become delta-coded lists of document numbers per field,
 *   - field vectors become one delta-coded list per field and document, scores in hundredths.
 * decodeIndex() gives lunr back the object Index.load expects: the index itself is built at
 * build time; the browser only reads it.
 */
export interface SerializedLunrIndex {
  version: string;
  fields: string[];
  fieldVectors: [string, number[]][];
  invertedIndex: [string, Record<string, unknown>][];
  pipeline: string[];
}

export interface CompactIndex {
  version: string;
  fields: string[];
  pipeline: string[];
  /** Terms in lunr's (sorted) order. */
  terms: string[];
  /** postings[term][field] = delta-coded document numbers. */
  postings: number[][][];
  /** vectors[field][document] = [delta term number, score × 100, …]. */
  vectors: number[][][];
  documents: number;
}

const SCALE = 100;

function deltas(sorted: number[]): number[] {
  let previous = 0;
  return sorted.map((value) => {
    const delta = value - previous;
    previous = value;
    return delta;
  });
}

function undeltas(encoded: number[]): number[] {
  let value = 0;
  return encoded.map((delta) => (value += delta));
}

export function encodeIndex(serialized: SerializedLunrIndex, documents: number): CompactIndex {
  const { fields } = serialized;
  const renumber = new Map<number, number>();
  serialized.invertedIndex.forEach(([, posting], position) => renumber.set(posting._index as number, position));
  const postings = serialized.invertedIndex.map(([, posting]) =>
    fields.map((field) => deltas(Object.keys((posting[field] as object) ?? {}).map(Number).sort((a, b) => a - b))),
  );
  const vectors = fields.map(() => Array.from({ length: documents }, () => [] as number[]));
  for (const [fieldRef, elements] of serialized.fieldVectors) {
    const slash = fieldRef.indexOf("/");
    const field = fields.indexOf(fieldRef.slice(0, slash));
    const document = Number(fieldRef.slice(slash + 1));
    const pairs: [number, number][] = [];
    for (let i = 0; i < elements.length; i += 2) pairs.push([renumber.get(elements[i]!)!, Math.round(elements[i + 1]! * SCALE)]);
    pairs.sort((a, b) => a[0] - b[0]);
    const termDeltas = deltas(pairs.map(([term]) => term));
    vectors[field]![document] = pairs.flatMap(([, score], i) => [termDeltas[i]!, score]);
  }
  return { version: serialized.version, fields, pipeline: serialized.pipeline, terms: serialized.invertedIndex.map(([term]) => term), postings, vectors, documents };
}

export function decodeIndex(compact: CompactIndex): SerializedLunrIndex {
  const { fields } = compact;
  const invertedIndex: SerializedLunrIndex["invertedIndex"] = compact.terms.map((term, position) => {
    const posting: Record<string, unknown> = { _index: position };
    fields.forEach((field, f) => {
      const entry: Record<string, object> = {};
      for (const document of undeltas(compact.postings[position]![f]!)) entry[document] = {};
      posting[field] = entry;
    });
    return [term, posting];
  });
  const fieldVectors: SerializedLunrIndex["fieldVectors"] = [];
  fields.forEach((field, f) => {
    compact.vectors[f]!.forEach((encoded, document) => {
      const elements: number[] = [];
      let term = 0;
      for (let i = 0; i < encoded.length; i += 2) {
        term += encoded[i]!;
        elements.push(term, encoded[i + 1]! / SCALE);
      }
      fieldVectors.push([`${field}/${document}`, elements]);
    });
  });
  return { version: compact.version, fields, fieldVectors, invertedIndex, pipeline: compact.pipeline };
}
