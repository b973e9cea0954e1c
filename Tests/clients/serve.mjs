// A tiny static server for the browser test: serves DIR on each given port of localhost, as text/html or
// text/javascript, nothing else. Prints "listening" once every port is bound.
//   node Tests/clients/serve.mjs DIR PORT...
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { join, normalize, extname } from "node:path";

const [root, ...ports] = process.argv.slice(2);
const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript" };

const handler = async (request, response) => {
  const path = normalize(decodeURIComponent(new URL(request.url, "http://localhost").pathname)).replace(/^(\.\.[/\\])+/, "");
  const file = join(root, path.endsWith("/") ? path + "index.html" : path);
  try {
    const body = await readFile(file);
    response.writeHead(200, { "Content-Type": types[extname(file)] ?? "application/octet-stream", "Cache-Control": "no-store" });
    response.end(body);
  } catch {
    response.writeHead(404, { "Content-Type": "text/plain" });
    response.end("not found");
  }
};
await Promise.all(ports.map((port) => new Promise((ok, fail) => {
  const server = createServer(handler);
  server.once("error", fail);
  server.listen(Number(port), "127.0.0.1", ok);
})));
console.log("listening");
