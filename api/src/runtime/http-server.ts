import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface HttpServer {
  server: Server;
  port: number;
  /** Stops accepting connections and resolves when the requests in flight have finished (or after `graceMs`, cutting the rest). */
  close(graceMs?: number): Promise<void>;
}

export async function listen(handler: RequestListener, port: number, host?: string): Promise<HttpServer> {
  const server = createServer(handler);
  // Shorter than a load balancer's idle timeout is wrong; longer keeps idle sockets at shutdown. 5 s, like Node's default.
  server.keepAliveTimeout = 5_000;
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
