// Runs the shared flow in the browser against the API named by ?api=..., through real CORS, and writes the
// outcome into <pre id="result">: "PASS n" or "FAIL ..." lines; with ?probe=1 it only tries GET /health and
// writes "REACHED" or "REFUSED" (for a page on an origin the server does not allow).
import { createClient } from "./client/index.js";
import { runFlow } from "./flow-steps.mjs";

const output = document.getElementById("result");
const params = new URLSearchParams(location.search);
const baseUrl = params.get("api");
const lines = [];
let failures = 0;
const check = (name, ok, detail) => {
  if (!ok) failures += 1;
  lines.push(`${ok ? "PASS" : "FAIL"} ${name}${ok ? "" : ` -- ${detail}`}`);
};

async function main() {
  if (params.get("probe") === "1") {
    try {
      const answer = await createClient({ baseUrl }).health();
      return `REACHED ${answer.status}`;
    } catch (error) {
      return `REFUSED ${error}`;
    }
  }
  try {
    await runFlow({ createClient, baseUrl, check, label: "browser" });
  } catch (error) {
    failures += 1;
    lines.push(`FAIL browser: the flow stopped: ${error}`);
  }
  return `${lines.join("\n")}\nDONE ${failures === 0 ? "OK" : "FAILED"}`;
}

main().then((text) => {
  output.textContent = text;
  output.setAttribute("data-done", "1");
});
