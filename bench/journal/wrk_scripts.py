"""wrk Lua scripts: the lesson save of 25 students over the year's lessons, and diary weeks of
several families. Each wrk thread seeds its own random numbers, so mark ids and idempotency
keys never collide between threads; `done` prints one JSON line the runner reads."""

from __future__ import annotations

import json
from pathlib import Path

_COMMON = """
local counter = 0
tid = 0
threads_made = 0
function setup(thread) threads_made = threads_made + 1; thread:set("tid", threads_made) end
function init(args) math.randomseed(os.time() * 1000 + (tid or 0) * 7919) end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'JSON {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"non2xx":%d,"socket":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
end
"""

_SAVE = """
request = function()
  counter = counter + 1
  local li = math.random(#lessons)
  local parts = {}
  for si = 1, #students do
    local id = string.format("%08x-0000-4000-8000-%012x", li, si * 4 + math.random(0, 2))
    parts[si] = string.format(
      '{"id":"%s","student_id":"%s","value":"%d","work_type":"oral"}',
      id, students[si], math.random(2, 5))
  end
  local absent = students[math.random(#students)]
  local body = '{"topic":"Дроби","marks":[' .. table.concat(parts, ",") ..
    '],"attendance":[{"student_id":"' .. absent .. '","status":"absent"}]}'
  local headers = {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = string.format("b-%d-%d-%d", tid or 0, counter, math.random(1e9)),
  }
  return wrk.format("PUT", "/v1/journal/lessons/" .. lessons[li] .. "/journal", headers, body)
end
"""

_DIARY = """
request = function()
  local i = math.random(#students)
  local path = "/v1/journal/diary/" .. students[i] .. "/week?on=" .. weeks[math.random(#weeks)]
  return wrk.format("GET", path, {["Authorization"] = "Bearer " .. tokens[i]})
end
"""


def _lua_list(name: str, values: list[str]) -> str:
    return f"{name} = {{{', '.join(json.dumps(v) for v in values)}}}\n"


def save_script(
    path: Path, *, lessons: list[str], students: list[str], token: str, think_ms: int = 0
) -> Path:
    """With `think_ms`, each connection is a teacher who waits between saves (uniformly
    0.5-1.5 times that), rather than saving again at once."""
    body = _lua_list("lessons", lessons) + _lua_list("students", students)
    pause = (
        f"function delay() return math.random({think_ms // 2}, {think_ms * 3 // 2}) end\n"
        if think_ms
        else ""
    )
    path.write_text(body + f"token = {json.dumps(token)}\n" + _COMMON + _SAVE + pause)
    return path


def diary_script(path: Path, *, students: list[str], tokens: list[str], weeks: list[str]) -> Path:
    body = _lua_list("students", students) + _lua_list("tokens", tokens)
    path.write_text(body + _lua_list("weeks", weeks) + _COMMON + _DIARY)
    return path


def bare_script(path: Path) -> Path:
    path.write_text(_COMMON)
    return path
