-- Sends GET requests to paths built per request from a template, and reports the run as one
-- tab-separated line: requests/s, p50 ms, p99 ms, errors.
--
-- wrk -s paths.lua URL -- TEMPLATE [WORDS_FILE] [ids=FILE] [etags=FILE] [status=CODE]
-- TEMPLATE may hold {word} (a random word from WORDS_FILE, new for each occurrence), {metric} and {id}.
-- ids=FILE: {id} is a random line of FILE. etags=FILE: lines of "id<TAB>etag"; each request takes a random
-- line, puts its id in {id} and sends its etag as If-None-Match. status=CODE: any other status counts as an
-- error (wrk itself counts only statuses from 400 up).

local template = "/"
local words = {}
local ids = {}
local etags = {}
local metrics = { "arrests", "removals", "returns", "expulsions", "book_ins", "detained_population", "encounters" }
local threads = {}

local function lines(file, each)
  for line in io.lines(file) do
    if #line > 0 then each(line) end
  end
end

function setup(thread)
  threads[#threads + 1] = thread
end

function init(args)
  template = args[1]
  for i = 2, #args do
    local key, value = args[i]:match("^(%w+)=(.*)$")
    if key == "ids" then
      lines(value, function(line) ids[#ids + 1] = line end)
    elseif key == "etags" then
      lines(value, function(line)
        local id, tag = line:match("^([^\t]+)\t(.+)$")
        etags[#etags + 1] = { id, tag }
      end)
    elseif key == "status" then
      -- Defined only when asked for: with a response() callback wrk reads every answer's headers and body.
      local expected = tonumber(value)
      unexpected = 0
      response = function(status)
        if status ~= expected then unexpected = unexpected + 1 end
      end
    else
      lines(args[i], function(line) words[#words + 1] = line end)
    end
  end
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

request = function()
  local path = template:gsub("{word}", function() return words[math.random(#words)] end)
  path = path:gsub("{metric}", function() return metrics[math.random(#metrics)] end)
  if #etags > 0 then
    local pick = etags[math.random(#etags)]
    path = path:gsub("{id}", pick[1])
    return wrk.format("GET", path, { ["If-None-Match"] = pick[2] })
  end
  path = path:gsub("{id}", function() return ids[math.random(#ids)] end)
  return wrk.format("GET", path)
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
                 + summary.errors.status + summary.errors.timeout
  for _, thread in ipairs(threads) do
    errors = errors + (thread:get("unexpected") or 0)
  end
  io.write(string.format("RESULT\t%.1f\t%.2f\t%.2f\t%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end
