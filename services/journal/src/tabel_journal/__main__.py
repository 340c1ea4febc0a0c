import asyncio

import uvloop

from tabel_journal.bootstrap import SPEC
from tabel_platform.service import main

# The journal is the busiest service: uvloop's event loop (as uvicorn itself would pick) gives
# it markedly more requests per core than the default loop (bench/journal/run.py).
asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
main(SPEC)
