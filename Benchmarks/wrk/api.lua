-- wrk driver for Benchmarks/api.py: one script, the scenario chosen by environment variables.
--   SCENARIO  list | get | create | update | toggle | delete | login
--   TOKEN     bearer token; USER_ID the token's user; TASK_MIN..TASK_MAX the task ids to pick from
--   EMAIL, PASSWORD for login
local scenario = os.getenv("SCENARIO")
local user = os.getenv("USER_ID")
local task_min = tonumber(os.getenv("TASK_MIN") or "1")
local task_max = tonumber(os.getenv("TASK_MAX") or "1")
local threads = 0
local counter = 0

wrk.headers["Authorization"] = "Bearer " .. (os.getenv("TOKEN") or "")
wrk.headers["Content-Type"] = "application/json"

function setup(thread)
  thread:set("thread_index", threads)
  threads = threads + 1
  thread:set("thread_count", 0)
end

local function tasks(suffix)
  return "/api/" .. user .. "/tasks" .. (suffix or "")
end

function request()
  counter = counter + 1
  if scenario == "list" then
    return wrk.format("GET", tasks("?limit=10"))
  elseif scenario == "get" then
    return wrk.format("GET", tasks("/" .. math.random(task_min, task_max)))
  elseif scenario == "create" then
    return wrk.format("POST", tasks(), nil, '{"title":"wrk task","description":"created by the benchmark"}')
  elseif scenario == "update" then
    return wrk.format("PUT", tasks("/" .. math.random(task_min, task_max)), nil, '{"title":"updated by wrk","completed":false}')
  elseif scenario == "toggle" then
    return wrk.format("PATCH", tasks("/" .. math.random(task_min, task_max) .. "/complete"))
  elseif scenario == "delete" then
    -- Each thread walks its own share of a block of ids made for deleting: every request deletes a task.
    local id = task_min + (counter - 1) * 2 + thread_index
    return wrk.format("DELETE", tasks("/" .. id))
  elseif scenario == "login" then
    local body = '{"email":"' .. os.getenv("EMAIL") .. '","password":"' .. os.getenv("PASSWORD") .. '"}'
    wrk.headers["Authorization"] = nil
    return wrk.format("POST", "/api/auth/login", nil, body)
  end
  return wrk.format("GET", "/health")
end
