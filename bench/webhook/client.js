// The baseline for webhook delivery in bench/run: the same number of POSTs, one after the other,
// over one kept-alive connection, from Node's own http client — what the receiver and the
// loopback allow, with no queue, rendering or bookkeeping behind each message.
// Usage: node client.js PORT COUNT BODY_BYTES   prints {"per_second": …}
"use strict";
const http = require("http");

const [port, count, bodyBytes] = process.argv.slice(2).map(Number);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const body = JSON.stringify({ text: "x".repeat(Math.max(0, bodyBytes - 12)) });

function post(index) {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, path: "/baseline", method: "POST", agent,
      headers: { "Content-Type": "application/json", "Idempotency-Key": `baseline-${index}` } }, (response) => {
      response.on("data", () => {});
      response.on("end", resolve);
    });
    request.on("error", reject);
    request.end(body);
  });
}

(async () => {
  const start = process.hrtime.bigint();
  for (let index = 0; index < count; index += 1) await post(index);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(JSON.stringify({ per_second: count / seconds, seconds }));
  agent.destroy();
})();
