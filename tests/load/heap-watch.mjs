// The live heap of a START process after full garbage collections, by hand, while the load test
// runs: START_LOAD_NODE_OPTIONS=--inspect=127.0.0.1:9339 START_LOAD_ROUNDS=8 pnpm test tests/load/mixed-load.test.ts
// and meanwhile: node --experimental-websocket tests/load/heap-watch.mjs 9339 [seconds between samples] [samples]
// (Node 20 needs the flag for its WebSocket client; the inspector forces the collections, the product has no hook for it.)
const [port = 9339, every = 8, count = 16] = process.argv.slice(2).map(Number);

let targets;
for (;;) {
  try {
    targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
    break;
  } catch {
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
const keepAlive = setInterval(() => {}, 1000);
await new Promise((resolve) => socket.addEventListener("open", resolve));
socket.addEventListener("close", () => {
  console.log("the process went away");
  process.exit(0);
});
let lastId = 0;
const waiting = new Map();
socket.addEventListener("message", (event) => {
  const message = JSON.parse(event.data);
  waiting.get(message.id)?.(message.result);
  waiting.delete(message.id);
});
const call = (method) =>
  new Promise((resolve) => {
    lastId += 1;
    waiting.set(lastId, resolve);
    socket.send(JSON.stringify({ id: lastId, method }));
  });

const started = Date.now();
for (let sample = 0; sample < count; sample += 1) {
  await call("HeapProfiler.collectGarbage");
  const usage = await call("Runtime.getHeapUsage");
  const mb = (bytes) => (bytes / 1048576).toFixed(1);
  console.log(`${Math.round((Date.now() - started) / 1000)} s: live heap after a full collection ${mb(usage.usedSize)} MB (heap ${mb(usage.totalSize)} MB)`);
  await new Promise((resolve) => setTimeout(resolve, every * 1000));
}
clearInterval(keepAlive);
socket.close();
