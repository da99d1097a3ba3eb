import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { Transform, type TransformCallback } from "node:stream";
import { parse } from "csv-parse";

/**
 * Streams the records of a CSV file (RFC 4180, header row) with csv-parse: one record in memory at
 * a time, whatever the file's size. Spreadsheets save CSV in various ways: a UTF-8 byte-order mark,
 * `;` as separator (French Excel) or tabs are accepted; a file that is not UTF-8 is refused, since
 * its Arabic would be garbled.
 */

export class NotUtf8Error extends Error {
  constructor() {
    super("not UTF-8");
  }
}

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export interface CsvRecord {
  record: Record<string, string>;
  /** The line the record starts on (the header is line 1). */
  line: number;
}

/** The separator the header line uses most, outside quotes. */
async function sniffDelimiter(path: string): Promise<string> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, bytesRead).toString("utf8");
    let header = "";
    let quoted = false;
    for (const char of text) {
      if (char === '"') quoted = !quoted;
      if (!quoted && (char === "\n" || char === "\r")) break;
      if (!quoted) header += char;
    }
    const counts = [",", ";", "\t"].map((delimiter) => [delimiter, header.split(delimiter).length - 1] as const);
    return counts.sort((a, b) => b[1] - a[1])[0]![1] > 0 ? counts[0]![0] : ",";
  } finally {
    await handle.close();
  }
}

/** Decodes UTF-8 strictly (a Windows-1256 or Latin-1 file fails here, not later as mojibake). */
class StrictUtf8 extends Transform {
  private readonly decoder = new TextDecoder("utf-8", { fatal: true });

  constructor(private readonly onBytes: (count: number) => void) {
    super({ readableObjectMode: false, decodeStrings: true, encoding: "utf8" });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.onBytes(chunk.length);
    try {
      callback(null, this.decoder.decode(chunk, { stream: true }));
    } catch {
      callback(new NotUtf8Error());
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      callback(null, this.decoder.decode());
    } catch {
      callback(new NotUtf8Error());
    }
  }
}

export async function* readCsv(path: string, onBytes: (count: number) => void = () => {}): AsyncGenerator<CsvRecord> {
  const delimiter = await sniffDelimiter(path);
  const parser = parse({
    columns: (header: string[]) => header.map((column) => column.trim()),
    bom: true,
    delimiter,
    skip_empty_lines: true,
    relax_column_count_less: true,
    info: true,
  });
  const source = createReadStream(path).pipe(new StrictUtf8(onBytes));
  source.on("error", (error) => parser.destroy(error));
  source.pipe(parser);
  let previousEnd = 1;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      const line = Math.min(previousEnd + 1, info.lines);
      previousEnd = info.lines;
      yield { record, line };
    }
  } catch (error) {
    if (error instanceof NotUtf8Error) throw error;
    const csvError = error as { code?: string; message?: string; lines?: number };
    if (csvError.code?.startsWith("CSV_")) throw new CsvSyntaxError(csvError.message ?? String(error), csvError.lines ?? previousEnd + 1);
    throw error;
  } finally {
    source.destroy();
  }
}
