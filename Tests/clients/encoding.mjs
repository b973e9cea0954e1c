// The TypeScript client of the behaviour fixture (Tests/GeneratedBehaviourTests/behaviour.yaml), compiled to JS:
// what it puts on the wire for a multipart/form-data body and a deepObject query, read back by Node's own parsers
// (undici's Response.formData(), URLSearchParams), not by ours. Prints one line per check; exits non-zero on a failure.
//   node Tests/clients/encoding.mjs CLIENT_DIR     (CLIENT_DIR holds the compiled index.js)
import { pathToFileURL } from "node:url";
import { join, resolve } from "node:path";

const [clientDir] = process.argv.slice(2);
if (!clientDir) {
  console.error("usage: node encoding.mjs CLIENT_DIR");
  process.exit(2);
}
const { createClient } = await import(pathToFileURL(join(resolve(clientDir), "index.js")).href);
let failures = 0;
const check = (name, ok, detail) => {
  if (!ok) failures += 1;
  console.log(`${ok ? "PASS" : "FAIL"} ${name}${ok ? "" : ` -- ${detail}`}`);
};

let sent;
const fetch = async (url, init) => {
  sent = { url, init };
  return { status: 200, headers: { get: () => null }, text: async () => "{}" };
};
const client = createClient({ baseUrl: "http://api.test", fetch });

try {
  // Bytes a text reading would break: CR LF, NUL, something like a boundary, invalid UTF-8.
  const png = new Uint8Array([0x89, 0x50, 0x0d, 0x0a, 0x00, 0x2d, 0x2d, 0xff, 0xfe]);
  await client.upload({
    body: {
      title: "Rapport «été»",
      copies: 3,
      tags: ["a", "b"],
      file: { bytes: png, filename: "chart \"1\".png", contentType: "image/png" },
      attachments: [{ bytes: new Uint8Array([49]), filename: "one.txt" }, { bytes: new Uint8Array([50]) }],
      meta: { source: "scanner" },
    },
  });
  const contentType = sent.init.headers["Content-Type"];
  check("multipart: Content-Type names the boundary", /^multipart\/form-data; boundary=\S+$/.test(contentType), contentType);
  const form = await new Response(sent.init.body, { headers: { "content-type": contentType } }).formData();
  check("multipart: text parts as UTF-8", form.get("title") === "Rapport «été»" && form.get("copies") === "3", JSON.stringify([...form.keys()]));
  check("multipart: an array member repeats its part", JSON.stringify(form.getAll("tags")) === '["a","b"]', JSON.stringify(form.getAll("tags")));
  const file = form.get("file");
  const bytes = file && typeof file !== "string" ? new Uint8Array(await file.arrayBuffer()) : null;
  check(
    "multipart: a file keeps its bytes, name (a quote sent as %22, as browsers do) and media type",
    bytes !== null && bytes.length === png.length && bytes.every((b, i) => b === png[i]) && file.type === "image/png" && file.name === 'chart "1".png',
    file && typeof file !== "string" ? `${file.name} ${file.type} ${bytes}` : String(file));
  const attachments = form.getAll("attachments");
  check(
    "multipart: files without a name or type get the member's name and application/octet-stream",
    attachments.length === 2 && attachments[0].name === "one.txt" && attachments[1].name === "attachments" && attachments[1].type === "application/octet-stream",
    attachments.map((a) => `${a.name}:${a.type}`).join(", "));
  const meta = form.get("meta");
  const metaText = typeof meta === "string" ? meta : meta ? await meta.text() : "";
  check("multipart: an object member is a JSON part", JSON.parse(metaText || "null")?.source === "scanner", metaText);

  await client.search({ query: { filter: { status: "open", tags: ["a", "b"] }, page: 2 } });
  const url = new URL(sent.url);
  check(
    "deepObject: each member is name[member]=value, an array member repeated",
    url.searchParams.get("filter[status]") === "open" && JSON.stringify(url.searchParams.getAll("filter[tags]")) === '["a","b"]' && url.searchParams.get("page") === "2",
    sent.url);
} catch (error) {
  failures += 1;
  console.log(`FAIL encoding: ${error && error.stack ? error.stack : error}`);
}
process.exit(failures === 0 ? 0 : 1);
