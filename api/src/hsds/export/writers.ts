import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import { stringify, type Stringifier } from "csv-stringify";

/** Writes to a file stream, waiting when its buffer is full (memory stays flat however large the export). */
async function write(stream: NodeJS.WritableStream, chunk: string | string[]): Promise<void> {
  if (!stream.write(chunk as never)) await once(stream, "drain");
}

async function finish(stream: WriteStream): Promise<void> {
  stream.end();
  await once(stream, "close");
}

/** A JSON array written item by item. */
export class JsonArrayWriter {
  private readonly stream: WriteStream;
  count = 0;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path, { encoding: "utf8" });
  }

  async add(item: unknown): Promise<void> {
    await write(this.stream, `${this.count === 0 ? "[\n" : ",\n"}${JSON.stringify(item)}`);
    this.count++;
  }

  async close(): Promise<{ path: string; records: number; bytes: number }> {
    await write(this.stream, this.count === 0 ? "[]\n" : "\n]\n");
    await finish(this.stream);
    return { path: this.path, records: this.count, bytes: this.stream.bytesWritten };
  }
}

/** A CSV file (RFC 4180, UTF-8, header row) written row by row with csv-stringify. */
export class CsvWriter {
  private readonly stream: WriteStream;
  private readonly csv: Stringifier;
  count = 0;

  constructor(
    readonly path: string,
    columns: readonly string[],
  ) {
    this.stream = createWriteStream(path);
    this.csv = stringify({ header: true, columns: [...columns], record_delimiter: "unix" });
    this.csv.pipe(this.stream);
  }

  async add(cells: string[]): Promise<void> {
    await write(this.csv, cells);
    this.count++;
  }

  async close(): Promise<{ path: string; records: number; bytes: number }> {
    this.csv.end();
    await once(this.stream, "close");
    return { path: this.path, records: this.count, bytes: this.stream.bytesWritten };
  }
}
