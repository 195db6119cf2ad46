// A loopback webhook receiver for bench/run: answers every POST with 200 over kept-alive
// connections, and on GET /count tells how many requests, distinct Idempotency-Keys and
// connections it saw. Node's own http module: nothing from npm.
// Usage: node receiver.js  (prints the port it listens on, then serves until killed)
"use strict";
const http = require("http");

let requests = 0;
let connections = 0;
const keys = new Set();

const server = http.createServer((request, response) => {
  if (request.method === "GET" && request.url === "/count") {
    response.end(JSON.stringify({ requests, keys: keys.size, connections }));
    return;
  }
  request.on("data", () => {});
  request.on("end", () => {
    requests += 1;
    keys.add(request.headers["idempotency-key"]);
    response.end("{}");
  });
});
server.keepAliveTimeout = 60_000;
server.on("connection", () => { connections += 1; });
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
