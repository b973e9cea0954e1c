/// The fixed part of `client.ts`: the fetch abstraction, the options, and the one function that sends a request
/// and reads the answer by the status table each generated method passes. It needs no npm package and no DOM
/// types, so it compiles under `lib: es2020` alone and runs in browsers and Node 18+.
enum ClientRuntime {
    static let text = #"""
        /** The part of `fetch` the client uses, so the browser's, Node's or a test double can be injected. */
        export type FetchLike = (url: string, init: RequestInitLike) => Promise<ResponseLike>;

        export interface RequestInitLike {
          method: string;
          headers: Record<string, string>;
          body?: string | Uint8Array;
        }

        export interface HeadersLike {
          get(name: string): string | null;
        }

        export interface ResponseLike {
          readonly status: number;
          readonly headers: HeadersLike;
          text(): Promise<string>;
        }

        export interface ClientOptions {
          /** Where the spec's paths are served from, without a trailing slash, e.g. `http://localhost:8000`. */
          baseUrl: string;
          /** The bearer token for operations that require one; `setToken` changes it later. */
          token?: string;
          /** The fetch to use; the global `fetch` when absent. */
          fetch?: FetchLike;
          /** Headers sent with every request. */
          headers?: Record<string, string>;
        }

        /** The answer broke the contract: a JSON body that does not parse, or a documented header missing or malformed. */
        export class ContractError extends Error {
          constructor(message: string, readonly httpStatus: number) {
            super(message);
            this.name = "ContractError";
          }
        }

        /** Any status the spec does not document for the operation: the union stays honest. */
        export interface Undocumented {
          status: "undocumented";
          httpStatus: number;
          body: unknown;
          headers: HeadersLike;
        }

        type Scalar = string | number | boolean;
        type HeaderKind = "string" | "integer" | "number" | "boolean";

        interface ResponseSpec {
          readonly status: number | string;
          readonly body: "json" | "text" | "none";
          readonly headers: readonly (readonly [name: string, kind: HeaderKind, required: boolean])[];
        }

        interface RequestSpec {
          method: string;
          path: string;
          query?: Record<string, Scalar | readonly Scalar[] | object | undefined>;
          headers?: Record<string, Scalar | undefined>;
          bearer: boolean;
          json?: unknown;
          form?: unknown;
          multipart?: unknown;
        }

        function pathSegment(value: Scalar): string {
          return encodeURIComponent(String(value));
        }

        function queryString(query: RequestSpec["query"]): string {
          const pairs: string[] = [];
          const add = (key: string, value: unknown): void => {
            if (value === undefined) return;
            const values: readonly unknown[] = Array.isArray(value) ? value : [value];
            for (const item of values) pairs.push(encodeURIComponent(key) + "=" + encodeURIComponent(String(item)));
          };
          for (const [name, value] of Object.entries(query ?? {})) {
            if (value !== null && typeof value === "object" && !Array.isArray(value)) {
              // style deepObject: each member as name[member]
              for (const [member, memberValue] of Object.entries(value)) add(name + "[" + member + "]", memberValue);
            } else {
              add(name, value);
            }
          }
          return pairs.length === 0 ? "" : "?" + pairs.join("&");
        }

        function formBody(value: unknown): string {
          const pairs: string[] = [];
          for (const [name, member] of Object.entries((value ?? {}) as Record<string, unknown>)) {
            if (member === undefined) continue;
            const values: readonly unknown[] = Array.isArray(member) ? member : [member];
            for (const item of values) {
              const text = typeof item === "object" && item !== null ? JSON.stringify(item) : String(item);
              pairs.push(encodeURIComponent(name) + "=" + encodeURIComponent(text));
            }
          }
          return pairs.join("&");
        }

        /** UTF-8 bytes of `text`, without TextEncoder (not in lib es2020). */
        function utf8(text: string): number[] {
          const binary = unescape(encodeURIComponent(text));
          const bytes: number[] = [];
          for (let i = 0; i < binary.length; i++) bytes.push(binary.charCodeAt(i));
          return bytes;
        }

        function isBinaryFile(value: unknown): value is { bytes: Uint8Array; filename?: string; contentType?: string } {
          return typeof value === "object" && value !== null && (value as { bytes?: unknown }).bytes instanceof Uint8Array;
        }

        /** A name or filename inside a quoted header parameter, escaped as browsers do. */
        function quotedParameter(text: string): string {
          return text.replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/"/g, "%22");
        }

        /** A multipart/form-data body: an array member repeats its part, a file is sent with its name and media type,
         *  an object as JSON, anything else as text. */
        function multipartBody(value: unknown, boundary: string): Uint8Array {
          const bytes: number[] = [];
          const push = (text: string): void => {
            for (const byte of utf8(text)) bytes.push(byte);
          };
          for (const [name, member] of Object.entries((value ?? {}) as Record<string, unknown>)) {
            if (member === undefined) continue;
            const items: readonly unknown[] = Array.isArray(member) ? member : [member];
            for (const item of items) {
              push("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quotedParameter(name) + "\"");
              if (isBinaryFile(item)) {
                push("; filename=\"" + quotedParameter(item.filename ?? name) + "\"\r\nContent-Type: " + (item.contentType ?? "application/octet-stream") + "\r\n\r\n");
                for (const byte of item.bytes) bytes.push(byte);
              } else if (typeof item === "object" && item !== null) {
                push("\r\nContent-Type: application/json\r\n\r\n" + JSON.stringify(item));
              } else {
                push("\r\n\r\n" + String(item));
              }
              push("\r\n");
            }
          }
          push("--" + boundary + "--\r\n");
          return new Uint8Array(bytes);
        }

        function headerValue(raw: string, kind: HeaderKind, name: string, status: number): Scalar {
          const text = raw.trim();
          switch (kind) {
            case "integer":
              if (!/^-?[0-9]+$/.test(text)) throw new ContractError(`header ${name} of the ${status} answer is not an integer: ${raw}`, status);
              return Number(text);
            case "number":
              if (text === "" || Number.isNaN(Number(text))) throw new ContractError(`header ${name} of the ${status} answer is not a number: ${raw}`, status);
              return Number(text);
            case "boolean":
              if (text !== "true" && text !== "false") throw new ContractError(`header ${name} of the ${status} answer is not true or false: ${raw}`, status);
              return text === "true";
            case "string":
              return raw;
          }
        }

        function jsonBody(text: string, status: number): unknown {
          try {
            return JSON.parse(text);
          } catch {
            throw new ContractError(`the ${status} answer's body is not JSON: ${text.slice(0, 200)}`, status);
          }
        }

        async function decode(response: ResponseLike, specs: readonly ResponseSpec[]): Promise<unknown> {
          const status = response.status;
          const range = `${Math.floor(status / 100)}XX`;
          const spec =
            specs.find((s) => s.status === status) ?? specs.find((s) => s.status === range) ?? specs.find((s) => s.status === "default");
          const text = await response.text();
          if (spec === undefined) {
            let body: unknown = text;
            try {
              body = text === "" ? undefined : JSON.parse(text);
            } catch {
              // Not JSON: the text itself.
            }
            const undocumented: Undocumented = { status: "undocumented", httpStatus: status, body, headers: response.headers };
            return undocumented;
          }
          const body = spec.body === "json" ? jsonBody(text, status) : spec.body === "text" ? text : undefined;
          const headers: Record<string, Scalar> = {};
          for (const [name, kind, required] of spec.headers) {
            const raw = response.headers.get(name);
            if (raw === null) {
              if (required) throw new ContractError(`the ${status} answer lacks its required header ${name}`, status);
              continue;
            }
            headers[name] = headerValue(raw, kind, name, status);
          }
          return spec.status === "default" ? { status: "default", httpStatus: status, body, headers } : { status, body, headers };
        }

        /** Sends requests for the generated methods of `ApiClient`. */
        class Transport {
          token: string | undefined;
          private readonly fetcher: FetchLike;

          constructor(private readonly options: ClientOptions) {
            this.token = options.token;
            const given = options.fetch ?? (globalThis as unknown as { fetch?: FetchLike }).fetch;
            if (given === undefined) throw new Error("no fetch: pass one in ClientOptions.fetch");
            // Called as a plain function: a browser's fetch refuses to run with another object as `this`.
            this.fetcher = (url, init) => given(url, init);
          }

          async send(request: RequestSpec, responses: readonly ResponseSpec[]): Promise<unknown> {
            const headers: Record<string, string> = { ...this.options.headers };
            for (const [name, value] of Object.entries(request.headers ?? {})) {
              if (value !== undefined) headers[name] = String(value);
            }
            let body: string | Uint8Array | undefined;
            if (request.json !== undefined) {
              headers["Content-Type"] = "application/json";
              body = JSON.stringify(request.json);
            } else if (request.form !== undefined) {
              headers["Content-Type"] = "application/x-www-form-urlencoded";
              body = formBody(request.form);
            } else if (request.multipart !== undefined) {
              const boundary = "----openapi-gen-" + Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
              headers["Content-Type"] = "multipart/form-data; boundary=" + boundary;
              body = multipartBody(request.multipart, boundary);
            }
            if (request.bearer && this.token !== undefined) headers["Authorization"] = `Bearer ${this.token}`;
            const url = this.options.baseUrl.replace(/\/+$/, "") + request.path + queryString(request.query);
            const init: RequestInitLike = body === undefined ? { method: request.method, headers } : { method: request.method, headers, body };
            return decode(await this.fetcher(url, init), responses);
          }
        }
        """#
}
