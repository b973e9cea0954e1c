// Compile-time checks of the generated client, type-checked beside Generated/typescript/ by scripts/clients.sh
// with `tsc --strict`. Each `@ts-expect-error` line must fail to compile: if the generated types ever allow it
// (a nullable member becoming optional, a union losing its discriminant), tsc reports the unused directive.
import { createClient, type ListTasksResult, type TaskResponse, type TaskUpdate, type UserCreate, type HTTPValidationError } from "./index.js";

export async function narrowing(): Promise<void> {
  const api = createClient({ baseUrl: "http://localhost:8000", token: "t" });
  const list: ListTasksResult = await api.listTasks({ path: { user_id: 1 }, query: { limit: 10 } });
  if (list.status === 200) {
    const tasks: TaskResponse[] = list.body;
    const total: number = list.headers["X-Total-Count"];
    const description: string | null = tasks[0].description;
    void total, description;
  } else if (list.status === 422) {
    const problem: HTTPValidationError = list.body;
    void problem;
  } else if (list.status === "undocumented") {
    const status: number = list.httpStatus;
    void status;
  } else {
    const detail: string = list.body.detail;
    void detail;
  }
  // @ts-expect-error a 422 body is no list of tasks
  if (list.status === 422) { const wrong: TaskResponse[] = list.body; void wrong; }
  // @ts-expect-error the response's description is required (null, not absent)
  const absent: TaskResponse = { id: 1, title: "t", completed: false, created_at: "", updated_at: "" };
  // @ts-expect-error a required member of a request body
  const noPassword: UserCreate = { email: "a@b.c" };
  const clears: TaskUpdate = { description: null };
  // @ts-expect-error the title may be absent but never null
  const nullTitle: TaskUpdate = { title: null };
  // @ts-expect-error the path parameter is a number
  await api.getTask({ path: { user_id: "1", task_id: 2 } });
  // @ts-expect-error limit is a number
  await api.listTasks({ path: { user_id: 1 }, query: { limit: "10" } });
  // @ts-expect-error createTask needs a title
  await api.createTask({ path: { user_id: 1 }, body: { description: "x" } });
  api.setToken(undefined);
  void absent, noPassword, clears, nullTitle;
}
