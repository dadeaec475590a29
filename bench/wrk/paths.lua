-- Sends GET requests to paths built per request from a template, and reports the run as one
-- tab-separated line: requests/s, p50 ms, p99 ms, errors.
--
-- wrk -s paths.lua URL -- TEMPLATE [WORDS_FILE]
-- TEMPLATE may hold {word} (a random word from WORDS_FILE, new for each occurrence) and {metric}.

local template = "/"
local words = {}
local metrics = { "arrests", "removals", "returns", "expulsions", "book_ins", "detained_population", "encounters" }

function init(args)
  template = args[1]
  if args[2] then
    for line in io.lines(args[2]) do
      if #line > 0 then words[#words + 1] = line end
    end
  end
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

request = function()
  local path = template:gsub("{word}", function() return words[math.random(#words)] end)
  path = path:gsub("{metric}", function() return metrics[math.random(#metrics)] end)
  return wrk.format("GET", path)
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
                 + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT\t%.0f\t%.2f\t%.2f\t%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end
