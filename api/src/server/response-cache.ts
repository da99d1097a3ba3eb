import type { NextFunction, Request, Response } from "express";
import { SESSION_COOKIE } from "../accounts/sessions.js";

export interface ResponseCacheOptions {
  /** How long an answer is served again; 0 turns the cache off. */
  ttlMs: number;
  /** Answers kept at most (the oldest go first). */
  maxEntries: number;
  /** Larger answers are never kept. */
  maxEntryBytes: number;
}

export const DEFAULT_RESPONSE_CACHE: ResponseCacheOptions = { ttlMs: 5_000, maxEntries: 500, maxEntryBytes: 256 * 1024 };

/** START_RESPONSE_CACHE_MS: how long anonymous answers are kept (default 5000; 0 turns the cache off). */
export function responseCacheFromEnv(env: NodeJS.ProcessEnv = process.env): ResponseCacheOptions {
  const value = env.START_RESPONSE_CACHE_MS?.trim();
  const ttlMs = value && /^\d+$/.test(value) ? Number(value) : DEFAULT_RESPONSE_CACHE.ttlMs;
  return { ...DEFAULT_RESPONSE_CACHE, ttlMs };
}

/** What the GraphQL server tells the cache about an answer (set by server/cache-control.ts in `response.locals`). */
export interface CacheVerdict {
  /** The same for every anonymous client: a query answered without errors for nobody in particular. */
  shareable?: boolean;
  /** A mutation: whatever was kept may be out of date. */
  invalidates?: boolean;
}

export const CACHE_VERDICT = "startCacheVerdict";

interface Entry {
  expires: number;
  body: Buffer;
  headers: Array<[string, string]>;
}

const KEPT_HEADERS = ["content-type", "cache-control", "vary"];

/**
 * A short-lived in-process cache of anonymous GraphQL answers. Public reads are the same for every
 * anonymous client (auth/visibility.ts) and already `Cache-Control: public, max-age=60` for GET, so
 * keeping them a few seconds here adds no staleness the API does not already allow; every mutation
 * through this process empties it at once (publishing, editing, taxonomy changes), and an answer
 * computed while a mutation ran is never kept. Requests with a session (cookie or bearer) neither
 * read nor fill it. Writes from other processes (CLI imports, another API process) show after at
 * most `ttlMs`.
 */
export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  /** Moves on at every invalidation: an answer started under an older generation is not kept. */
  private generation = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly options: ResponseCacheOptions) {}

  invalidate(): void {
    this.entries.clear();
    this.generation++;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Express middleware for the GraphQL route, after the JSON body parser. */
  readonly middleware = (request: Request, response: Response, next: NextFunction): void => {
    const key = this.keyOf(request);
    if (key !== null) {
      const entry = this.entries.get(key);
      if (entry && entry.expires > Date.now()) {
        this.hits++;
        this.send(entry, response);
        return;
      }
      if (entry) this.entries.delete(key);
      // The same question is being answered already: wait for that answer rather than compute it
      // again (when a popular answer expires, every client asks at once).
      const pending = this.pending.get(key);
      if (pending) {
        pending.then((answer) => {
          if (answer) {
            this.hits++;
            this.send(answer, response);
          } else {
            this.misses++;
            this.compute(key, response, next);
          }
        }, next);
        return;
      }
      this.misses++;
    }
    this.compute(key, response, next);
  };

  /** In-flight answers by key, for the requests that ask the same meanwhile. */
  private readonly pending = new Map<string, Promise<Entry | null>>();

  private send(entry: Entry, response: Response): void {
    for (const [name, value] of entry.headers) response.setHeader(name, value);
    response.setHeader("content-length", String(entry.body.length));
    response.status(200).end(entry.body);
  }

  /** Lets the request through to the GraphQL server, keeping its answer when it may be shared. */
  private compute(key: string | null, response: Response, next: NextFunction): void {
    let settle: (entry: Entry | null) => void = () => {};
    if (key !== null && !this.pending.has(key)) {
      let resolve: (entry: Entry | null) => void = () => {};
      const answer = new Promise<Entry | null>((done) => (resolve = done));
      this.pending.set(key, answer);
      const release = (entry: Entry | null) => {
        if (this.pending.get(key) === answer) this.pending.delete(key);
        resolve(entry);
      };
      settle = release;
      // An answer never sent (client gone, error) releases the waiters, who then ask themselves.
      response.once("close", () => release(null));
    }
    // Every answer passes here (signed-in ones too): a mutation from anyone empties the cache.
    const generation = this.generation;
    const chunks: Buffer[] = [];
    let bytes = 0;
    const write = response.write.bind(response) as (...args: unknown[]) => boolean;
    const end = response.end.bind(response) as (...args: unknown[]) => Response;
    const keep = (chunk: unknown, encoding: unknown) => {
      if (key === null || bytes > this.options.maxEntryBytes || chunk == null || typeof chunk === "function") return;
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
      bytes += buffer.length;
      chunks.push(buffer);
    };
    response.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
      keep(chunk, encoding);
      return write(chunk, encoding, callback);
    }) as Response["write"];
    response.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
      keep(chunk, encoding);
      const verdict = response.locals[CACHE_VERDICT] as CacheVerdict | undefined;
      let kept: Entry | null = null;
      if (verdict?.invalidates) this.invalidate();
      else if (key !== null && verdict?.shareable && response.statusCode === 200 && bytes <= this.options.maxEntryBytes && generation === this.generation) {
        kept = this.store(key, Buffer.concat(chunks), response);
      }
      settle(kept);
      return end(chunk, encoding, callback);
    }) as Response["end"];
    next();
  }

  /** The cache key of an anonymous read, or null for anything the cache must not answer. */
  private keyOf(request: Request): string | null {
    if (this.options.ttlMs <= 0) return null;
    if (request.get("authorization") || request.get("cookie")?.includes(`${SESSION_COOKIE}=`)) return null;
    // A client may ask for a fresh answer (HTTP's request directive), as the benchmark does.
    if (/no-cache|no-store/i.test(request.get("cache-control") ?? "")) return null;
    let what: string;
    if (request.method === "POST") {
      try {
        what = JSON.stringify(request.body ?? null);
      } catch {
        // Nested past what JSON.stringify's recursion can follow (the JSON parser has no such
        // bound): not kept, and whoever comes after refuses it.
        return null;
      }
    } else if (request.method === "GET") {
      // Apollo refuses a GET without a header a cross-site form cannot send (CSRF prevention): such
      // a request goes on to be refused, never answered from here.
      if (!request.get("apollo-require-preflight") && !request.get("x-apollo-operation-name") && !/json/.test(request.get("content-type") ?? "")) {
        return null;
      }
      what = request.originalUrl;
    } else {
      return null;
    }
    // Everything else an answer depends on: its language and its media type.
    return `${request.method}\n${request.get("accept-language") ?? ""}\n${request.get("accept") ?? ""}\n${what}`;
  }

  private store(key: string, body: Buffer, response: Response): Entry {
    const headers: Array<[string, string]> = [];
    for (const name of KEPT_HEADERS) {
      const value = response.getHeader(name);
      if (value !== undefined) headers.push([name, Array.isArray(value) ? value.join(", ") : String(value)]);
    }
    const entry: Entry = { expires: Date.now() + this.options.ttlMs, body, headers };
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return entry;
  }
}
