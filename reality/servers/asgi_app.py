"""ASGI app for uvicorn (asyncio): no framework, only the request shape in work.py."""

import work


async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    try:
        body = await work.run_async(work.parse(scope.get("query_string", b"").decode("latin-1")))
        status = 200
    except work.BadRequest as e:
        body, status = f"{e}\n".encode(), 400
    headers = [(b"content-type", b"text/plain"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
