-- wrk script for Tests/serve/load.sh: requests a fixed list of site paths in turn and checks every
-- response. A response counts as good only if its status is 200, its body is exactly as long as its
-- Content-Length, and its body equals, byte for byte, one version of one of the files, as
-- `zicht build` wrote them before the run (the "known-good set").
--
-- wrk reads exactly Content-Length bytes as the body, so a torn response (the length of one file,
-- the bytes of another) shows up as a body that is no known version ("unknown"), and the bytes left
-- over or missing break the next response on that connection (a read error in "socket_errors").
-- "torn" counts the case wrk cannot produce itself, a body whose length is not its Content-Length.
--
-- Usage: wrk ... -s check.lua -- KNOWN_DIR_A KNOWN_DIR_B PATH...
-- A PATH ending in "/" names that folder's index.html.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

local function read_file(name)
  local file = io.open(name, "rb")
  if not file then return nil end
  local text = file:read("*a")
  file:close()
  return text
end

local function file_for(path)
  if path:sub(-1) == "/" then path = path .. "index.html" end
  return path
end

function init(args)
  paths = {}
  known = {}          -- body → "a", "b" or "ab" (the same bytes in both versions)
  local dirs = { a = args[1], b = args[2] }
  for i = 3, #args do
    table.insert(paths, args[i])
    for version, dir in pairs(dirs) do
      local body = read_file(dir .. file_for(args[i]))
      if not body then error("missing known-good file " .. dir .. file_for(args[i])) end
      if known[body] and known[body] ~= version then known[body] = "ab" else known[body] = version end
    end
  end
  next_path = 1
  good, torn, unknown, bad_status, version_a, version_b = 0, 0, 0, 0, 0, 0
  first_problem = ""
end

function request()
  local path = paths[next_path]
  next_path = next_path % #paths + 1
  return wrk.format("GET", path)
end

local function note(problem)
  if first_problem == "" then first_problem = problem end
end

function response(status, headers, body)
  local length = tonumber(headers["Content-Length"] or headers["content-length"] or "-1")
  if status ~= 200 then
    bad_status = bad_status + 1
    note("status " .. status)
  elseif length ~= #body then
    torn = torn + 1
    note("Content-Length " .. tostring(length) .. " with a body of " .. #body .. " bytes")
  else
    local version = known[body]
    if not version then
      unknown = unknown + 1
      note("a body of " .. #body .. " bytes that is no known version")
    else
      good = good + 1
      if version == "a" then version_a = version_a + 1 end
      if version == "b" then version_b = version_b + 1 end
    end
  end
end

function done(summary, latency, requests)
  local total = { good = 0, torn = 0, unknown = 0, bad_status = 0, version_a = 0, version_b = 0 }
  local problem = ""
  for _, thread in ipairs(threads) do
    for key, _ in pairs(total) do total[key] = total[key] + thread:get(key) end
    if problem == "" then problem = thread:get("first_problem") end
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout + summary.errors.status
  io.write(string.format(
    "zicht-load requests=%d seconds=%.1f rps=%.0f good=%d torn=%d unknown=%d non200=%d socket_errors=%d version_a=%d version_b=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    total.good, total.torn, total.unknown, total.bad_status, errors, total.version_a, total.version_b,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  if problem ~= "" then io.write("zicht-load first problem: " .. problem .. "\n") end
end
