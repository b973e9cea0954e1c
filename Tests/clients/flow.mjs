// The generated TypeScript client, compiled to JS, against a live server from Node 20 (its global fetch).
// Prints one line per check and exits non-zero on any failure.
//   node Tests/clients/flow.mjs CLIENT_DIR BASE_URL     (CLIENT_DIR holds the compiled index.js)
import { pathToFileURL } from "node:url";
import { join, resolve } from "node:path";
import { runFlow } from "./flow-steps.mjs";

const [clientDir, baseUrl] = process.argv.slice(2);
if (!clientDir || !baseUrl) {
  console.error("usage: node flow.mjs CLIENT_DIR BASE_URL");
  process.exit(2);
}
const { createClient, ContractError } = await import(pathToFileURL(join(resolve(clientDir), "index.js")).href);
let failures = 0;
const check = (name, ok, detail) => {
  if (!ok) failures += 1;
  console.log(`${ok ? "PASS" : "FAIL"} ${name}${ok ? "" : ` -- ${detail}`}`);
};
try {
  await runFlow({ createClient, baseUrl, check, label: "node" });
  // An injected fetch: the client reads only status, headers.get and text().
  const fake = async () => ({ status: 200, headers: { get: () => null }, text: async () => "not json" });
  const broken = createClient({ baseUrl: "http://unused.invalid", fetch: fake });
  const error = await broken.health().then(() => null, (e) => e);
  check("node: an injected fetch answering non-JSON rejects with ContractError", error instanceof ContractError && error.httpStatus === 200, String(error));
  const teapot = createClient({ baseUrl: "http://unused.invalid", fetch: async () => ({ status: 418, headers: { get: () => null }, text: async () => "{\"x\":1}" }) });
  const other = await teapot.health();
  check("node: an undocumented status lands in the catch-all", other.status === "undocumented" && other.httpStatus === 418 && other.body.x === 1, JSON.stringify(other));
} catch (error) {
  failures += 1;
  console.log(`FAIL node: the flow stopped: ${error && error.stack ? error.stack : error}`);
}
process.exit(failures === 0 ? 0 : 1);
