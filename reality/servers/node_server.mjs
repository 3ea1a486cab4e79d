// Node.js server of the reality check: the built-in `http` module, no framework.
// Usage: node node_server.mjs PORT [WORKERS]. With WORKERS > 1 it runs `cluster` (the primary accepts
// and hands connections to the workers round-robin, Node's default on Linux).
//
// Each request asks for CPU, then I/O, then CPU (ms in the query string: c1, io, c2; k splits the I/O
// into k waits with a slice of c2 after each). CPU is a busy loop in JavaScript on the process's CPU
// clock, so time the process loses to other processes is not counted as work done; the I/O is a
// timer, the loop's own non-blocking wait. The body reports the CPU and I/O time the request really got.
import http from 'node:http';
import cluster from 'node:cluster';

const port = Number(process.argv[2]);
const workers = Number(process.argv[3] || 1);
if (!Number.isInteger(port) || port <= 0 || !Number.isInteger(workers) || workers < 1) {
  console.error('usage: node node_server.mjs PORT [WORKERS]');
  process.exit(2);
}

/** CPU milliseconds this process has used (user + system). */
function cpuMs() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Burns `ms` of CPU in JavaScript; returns the CPU ms it really took. */
function burn(ms) {
  if (ms <= 0) return 0;
  const start = cpuMs();
  const end = start + ms;
  let now = start;
  while (now < end) now = cpuMs();
  return now - start;
}

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function parse(query) {
  const d = { c1: 0, io: 0, c2: 0, k: 1, ns: 0 };
  for (const part of query.split('&')) {
    if (!part) continue;
    const [key, value = ''] = part.split('=');
    if (!(key in d)) throw new Error(`unknown parameter ${key}`);
    const n = Number(value);
    if (value === '' || !Number.isFinite(n)) throw new Error(`${key} must be a number, got ${value}`);
    d[key] = n;
  }
  if (Math.min(d.c1, d.io, d.c2) < 0 || !Number.isInteger(d.k) || d.k < 1 || d.k > 1000) {
    throw new Error('need c1, io, c2 >= 0 and 1 <= k <= 1000');
  }
  return d;
}

async function handle(d) {
  let cpu = burn(d.c1);
  let io = 0;
  if (d.io > 0) {
    for (let i = 0; i < d.k; i++) {
      const t0 = performance.now();
      await wait(d.io / d.k);
      io += performance.now() - t0;
      cpu += burn(d.c2 / d.k);
    }
  } else {
    cpu += burn(d.c2);
  }
  return `cpu=${cpu.toFixed(3)} io=${io.toFixed(3)}\n`;
}

function serve() {
  const server = http.createServer((req, res) => {
    const q = req.url.indexOf('?');
    let d;
    try {
      d = parse(q < 0 ? '' : req.url.slice(q + 1));
    } catch (e) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(`${e.message}\n`);
      return;
    }
    handle(d).then((body) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  // 511 is Node's default listen backlog; stated so the simulator's figure visibly matches.
  server.listen(port, '127.0.0.1', 511);
}

if (workers > 1 && cluster.isPrimary) {
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('exit', (w, code) => {
    if (code !== 0) console.error(`worker ${w.process.pid} exited with ${code}`);
  });
} else {
  serve();
}
