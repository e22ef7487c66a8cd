"""The streaming example (`streaming_sse`) through cargo-lambda's function URL
emulator: the chunks of a server-sent event stream arrive in order, and the
first arrives while the handler is still producing the rest; a complete body,
a body failing midway and one failing at once behave as `run_streaming`
documents. Usage: streaming.py PORT"""
import http.client
import sys
import time

port = int(sys.argv[1])
failures = []
passes = []


def get(path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", "/lambda-url/streaming_sse" + path)
    return connection.getresponse()


def check(name, condition, detail):
    print(("pass " if condition else "FAIL ") + name + ("" if condition else ": " + detail))
    (passes if condition else failures).append(name)


# Four ticks 400 ms apart: the handler produces the last 1.2 s after the first.
response = get("/ticks?count=4&interval_ms=400")
check("ticks: status and content type", response.status == 200 and response.getheader("content-type") == "text/event-stream",
      f"{response.status} {response.getheader('content-type')}")
arrivals = []
while True:
    line = response.readline()
    if not line:
        break
    if line.startswith(b"data: "):
        arrivals.append((time.monotonic(), line.decode().strip()))
data = [text for _, text in arrivals]
check("ticks: every event, in order", data == ['data: {"n":1}', 'data: {"n":2}', 'data: {"n":3}', 'data: {"n":4}', "data: 4"], repr(data))
if len(arrivals) == 5:
    spread = arrivals[3][0] - arrivals[0][0]
    # Buffered, all four would arrive together; streamed, the first is 1.2 s
    # ahead of the last (0.6 s leaves room for a slow machine to be late).
    check("ticks: the first arrives before the last is produced", spread >= 0.6, f"first to last tick: {spread:.3f} s")

response = get("/report")
body = response.read().decode()
check("report: a complete body streams whole", response.status == 200 and body == "sku,quantity\nA-1,3\nB-2,1\n", f"{response.status} {body!r}")
check("report: the cookie", response.getheader("set-cookie") == "report=daily; Path=/", repr(response.getheader("set-cookie")))

response = get("/broken")
body = response.read().decode()
check("broken: status 200, the first line, then the runtime's error report",
      response.status == 200 and body.startswith("row 1\n") and "Lambda-Runtime-Function-Error-Type: Runtime.StreamError" in body,
      f"{response.status} {body!r}")

response = get("/refused")
body = response.read().decode()
check("refused: a function error, no 200", response.status >= 500 and '"errorType":"ServiceError"' in body and "the feed is down" in body,
      f"{response.status} {body!r}")

print(f"streaming: {len(passes)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
