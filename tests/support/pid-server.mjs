// A stand-in server for the process pool tests: answers every request with its pid.
// POOL_TEST_CRASH=1 makes it end at once, as a broken build or setting would.
import http from 'node:http';

if (process.env.POOL_TEST_CRASH === '1') process.exit(3);
http.createServer((_req, res) => res.end(String(process.pid))).listen(Number(process.argv[2]), '127.0.0.1');
