"""The baseline: a bare FastAPI endpoint served by uvicorn like the journal (same framework,
same server, same event loop and HTTP parser), in its own process.

    uvicorn bare:app --app-dir bench/journal --port 8099 --no-access-log
"""

from fastapi import FastAPI

app = FastAPI()


@app.get("/bare")
async def bare() -> dict[str, bool]:
    """Nothing but routing and JSON."""
    return {"ok": True}
