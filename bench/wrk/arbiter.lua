-- wrk script for Arbiter's benchmark: posts the corpus (bench/corpus.py) round-robin, a fresh externalId per request,
-- and checks every answer against the corpus's expectation (2xx for valid alerts, 4xx for the bad inputs).
--
-- Arguments after "--": <corpus.tsv> <rate per second, 0 = as fast as possible> <result json file> [api key]
--
-- Fixed rate without coordinated omission: run with as many threads as connections (wrk -tN -cN), so each wrk thread
-- drives one connection and has one request in flight. Each connection gets rate/N and a fixed schedule of intended
-- send times (as wrk2 does); delay() waits for the next slot, and latency is measured from the slot's intended time,
-- not from when the request actually went out, so a stall of the server counts against every request it delayed.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clk_id, bench_timespec *tp);
]]
local ts = ffi.new("bench_timespec")
local function now_us()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000000 + tonumber(ts.tv_nsec) / 1000
end
-- the wall clock in microseconds since the epoch, which the timeline's seconds share with bench/service.sh's sampler
local function wall_us()
  ffi.C.clock_gettime(0, ts) -- CLOCK_REALTIME
  return tonumber(ts.tv_sec) * 1000000 + tonumber(ts.tv_nsec) / 1000
end

local threads = {}
local counter = 1

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local bodies, expects = {}, {}
rate, result_file = 0, nil -- globals: done() reads them from a thread
local interval, api_key, nthreads
local next_intended, intended, seq, pos = nil, nil, 0, 1
-- histogram: 10 us buckets up to 100 ms, then 1 ms buckets
hist = {}
-- per wall-clock second of the (intended) send time: answers, answers taking 100 ms or more, and the slowest in
-- microseconds; done() writes them as the result's timeline, so that a stall can be placed in time. Three flat tables,
-- because wrk copies a table of tables from a thread wrongly
answers, slow, slowest = {}, {}, {}
sent, ok2, bad4, s5, other, mismatch, late = 0, 0, 0, 0, 0, 0, 0

function init(args)
  local corpus = args[1]
  rate = tonumber(args[2] or "0")
  result_file = args[3]
  api_key = args[4]
  nthreads = tonumber(args[5] or "1")
  run_id = args[6] or tostring(os.time())
  for line in io.lines(corpus) do
    local tab = line:find("\t", 1, true)
    table.insert(expects, line:sub(1, tab - 1))
    table.insert(bodies, line:sub(tab + 1))
  end
  -- each thread starts at another point of the corpus
  pos = ((id - 1) * 997) % #bodies + 1
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  if api_key and api_key ~= "" then
    wrk.headers["X-API-Key"] = api_key
  end
  if rate > 0 then
    interval = 1000000 / (rate / nthreads)
  end
end

local current_expect, start
function request()
  -- a request sent early (delay() has millisecond resolution) counts from when it was sent, a late one from its slot
  local t = now_us()
  start = (intended and intended < t) and intended or t
  seq = seq + 1
  local body = bodies[pos]:gsub("@ID@", string.format("b%s-%d-%d", run_id, id, seq), 1)
  current_expect = expects[pos]
  pos = pos % #bodies + 1
  sent = sent + 1
  return wrk.format(nil, nil, nil, body)
end

function delay()
  if not interval then
    intended = nil
    return 0
  end
  local now = now_us()
  if not next_intended then
    -- spread the connections' first slots over one interval
    next_intended = now + (id % 97) / 97 * interval
  end
  intended = next_intended
  next_intended = next_intended + interval
  local wait = (intended - now) / 1000
  if wait <= 0 then
    late = late + 1
    return 0
  end
  return wait
end

local function record(us)
  local b
  if us < 100000 then b = math.floor(us / 10) else b = 10000 + math.floor((us - 100000) / 1000) end
  hist[b] = (hist[b] or 0) + 1
end

function response(status, headers, body)
  local t = now_us()
  local us = t - start
  record(us)
  local second = math.floor((wall_us() - us) / 1000000)
  answers[second] = (answers[second] or 0) + 1
  if us >= 100000 then slow[second] = (slow[second] or 0) + 1 end
  if us > (slowest[second] or 0) then slowest[second] = us end
  if status >= 200 and status < 300 then
    ok2 = ok2 + 1
    if current_expect ~= "2xx" then mismatch = mismatch + 1 end
  elseif status >= 400 and status < 500 then
    bad4 = bad4 + 1
    if current_expect ~= "4xx" then mismatch = mismatch + 1 end
  elseif status >= 500 then
    s5 = s5 + 1
  else
    other = other + 1
  end
end

local function bucket_us(b)
  if b < 10000 then return b * 10 + 5 end
  return 100000 + (b - 10000) * 1000 + 500
end

function done(summary, latency, requests)
  -- done() runs in wrk's main Lua state, where init() never ran: take the arguments from a thread
  local rate, result_file = threads[1]:get("rate"), threads[1]:get("result_file")
  local merged, total, seconds_seen = {}, 0, {}
  local c = {ok2 = 0, bad4 = 0, s5 = 0, other = 0, mismatch = 0, late = 0, sent = 0}
  for _, thread in ipairs(threads) do
    for k, _ in pairs(c) do c[k] = c[k] + (thread:get(k) or 0) end
    local h = thread:get("hist")
    for b, n in pairs(h) do
      merged[b] = (merged[b] or 0) + n
      total = total + n
    end
    local n, late, worst = thread:get("answers"), thread:get("slow"), thread:get("slowest")
    for second, count in pairs(n) do
      local s = seconds_seen[second]
      if not s then s = {0, 0, 0}; seconds_seen[second] = s end
      s[1], s[2], s[3] = s[1] + count, s[2] + (late[second] or 0), math.max(s[3], worst[second] or 0)
    end
  end
  local line = {}
  for second, _ in pairs(seconds_seen) do table.insert(line, second) end
  table.sort(line)
  for i, second in ipairs(line) do
    local s = seconds_seen[second]
    line[i] = string.format("[%d, %d, %d, %.1f]", second, s[1], s[2], s[3] / 1000)
  end
  local keys = {}
  for b, _ in pairs(merged) do table.insert(keys, b) end
  table.sort(keys)
  local function pct(p)
    local want, acc = math.ceil(total * p), 0
    for _, b in ipairs(keys) do
      acc = acc + merged[b]
      if acc >= want then return bucket_us(b) / 1000 end
    end
    return 0
  end
  local seconds = summary.duration / 1000000
  local out = string.format(
    '{"offeredRate": %d, "seconds": %.2f, "completed": %d, "throughput": %.1f, "ok2xx": %d, "refused4xx": %d, ' ..
    '"errors5xx": %d, "other": %d, "unexpected": %d, "socketErrors": %d, "timeouts": %d, "lateSends": %d, ' ..
    '"latencyMs": {"p50": %.2f, "p90": %.2f, "p99": %.2f, "p999": %.2f, "max": %.2f}, "fromIntendedTime": %s, ' ..
    '"timeline": [%s]}',
    rate, seconds, total, total / seconds, c.ok2, c.bad4, c.s5, c.other, c.mismatch,
    summary.errors.connect + summary.errors.read + summary.errors.write, summary.errors.timeout, c.late,
    pct(0.5), pct(0.9), pct(0.99), pct(0.999), total > 0 and bucket_us(keys[#keys]) / 1000 or 0,
    rate > 0 and "true" or "false", table.concat(line, ", "))
  print(out)
  if result_file and result_file ~= "" then
    local f = io.open(result_file, "w")
    f:write(out .. "\n")
    f:close()
  end
end
