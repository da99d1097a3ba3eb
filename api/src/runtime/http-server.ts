import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface HttpServer {
  server: Server;
  port: number;
  /** Stops accepting connections and resolves when the requests in flight have finished (or after `graceMs`, cutting the rest). */
  close(graceMs?: number): Promise<void>;
}

/** How long a client may take to send a request: what cuts off slow ("slowloris") clients. */
export interface HttpTimeouts {
  /** The request line and headers must arrive within this (else 408 and the connection closes). */
  headersMs: number;
  /** The whole request, body included, must arrive within this; the answer itself may take longer. */
  requestMs: number;
  /** An idle keep-alive connection closes after this. */
  keepAliveMs: number;
  /** How often the server looks for requests past these limits (Node checks on a timer, 30 s by default). */
  checkIntervalMs: number;
}

// Node's defaults (60 s for the headers, 300 s for a request, checked every 30 s) let a client that
// trickles bytes hold a connection for minutes. A request here is at most 64 kB: a minute is
// plenty even on a slow mobile link.
export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = { headersMs: 15_000, requestMs: 60_000, keepAliveMs: 5_000, checkIntervalMs: 1_000 };

/** A node:http server with START's timeouts (the one `pnpm start` listens with). */
export function createHttpServer(handler: RequestListener, timeouts: Partial<HttpTimeouts> = {}): Server {
  const limits = { ...DEFAULT_HTTP_TIMEOUTS, ...timeouts };
  const server = createServer(
    { headersTimeout: limits.headersMs, requestTimeout: limits.requestMs, connectionsCheckingInterval: limits.checkIntervalMs },
    handler,
  );
  // Shorter than a load balancer's idle timeout is wrong; longer keeps idle sockets at shutdown. 5 s, like Node's default.
  server.keepAliveTimeout = limits.keepAliveMs;
  return server;
}

export async function listen(handler: RequestListener, port: number, host?: string): Promise<HttpServer> {
  const server = createHttpServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  let closing: Promise<void> | null = null;
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close(graceMs = 10_000) {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Idle keep-alive connections would hold close() open; busy ones end after their response.
        server.closeIdleConnections();
        const idle = setInterval(() => server.closeIdleConnections(), 250);
        const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
        server.once("close", () => {
          clearInterval(idle);
          clearTimeout(deadline);
        });
      });
      return closing;
    },
  };
}
