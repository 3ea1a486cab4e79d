"""WSGI app for gunicorn (gthread and sync workers): no framework, only the request shape in work.py."""

import work


def app(environ, start_response):
    try:
        body = work.run_blocking(work.parse(environ.get("QUERY_STRING", "")))
        status = "200 OK"
    except work.BadRequest as e:
        body, status = f"{e}\n".encode(), "400 Bad Request"
    start_response(status, [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]
