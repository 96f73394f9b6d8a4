// The baseline of section 6, forked by progress.bench.ts: a bare socket.io server in a process of its own (as the
// notification service is), with no broker and no service behind it. Every client joins one room, as sockets join
// their tenant's room there; each IPC message is emitted to that room as it arrives. It tells its port over IPC.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

const ROOM = 'tenant:bench';
const http = createServer();
const io = new Server(http, { serveClient: false });
io.on('connection', (socket) => void socket.join(ROOM));
process.on('message', (entry: unknown) => io.to(ROOM).emit('document.timeline', entry));
// The bench ending, however it ends, closes the IPC channel.
process.on('disconnect', () => process.exit(0));
http.listen(0, '127.0.0.1', () => process.send?.({ port: (http.address() as AddressInfo).port }));
