import net from "node:net";
import { closeBreaker, databaseIsDown, openBreaker } from "@/scripts/circuit-breaker.mjs";

/** A connection that sent a query and has heard nothing back for this long is suspect: a probe decides. */
const SILENCE_MS = 500;
/**
 * A probe (`select 1` on a connection of its own) unanswered for this long, while the suspects stay
 * silent too, means the database is down. Together with SILENCE_MS: a request gives up within 2 s.
 */
const PROBE_MS = 1_500;
/** How often connections are checked, and how often the probe runs while the breaker is open. */
const CHECK_MS = 250;
const RETRY_MS = 1_000;
/** New connections to a server that does not answer give up after this long (postgres.js counts seconds). */
export const CONNECT_TIMEOUT_S = 2;

/**
 * How long postgres.js waits before a connection tries again after failing, in seconds. Its own backoff
 * grows with every failure of any connection of the pool up to 20 s, so after a two-minute outage the
 * first query once the server is back waited up to 20 s to connect (measured: 16 s for the home page).
 * Capped at half a second: a server that is back is used within that.
 */
export function reconnectBackoffSeconds(failures: number) {
  return Math.min(0.05 * 2 ** failures, 0.5);
}

type Watched = {
  socket: net.Socket;
  awaiting: boolean;
  since: number;
  /** The last bytes heard, for a ReadyForQuery split over two chunks. */
  tail: Buffer;
  /** A probe answered while this connection was silent since `clearedSince`: not probed again for RETRY_MS. */
  clearedSince: number;
  clearedAt: number;
};

const READY_FOR_QUERY_BYTES = 6;

/** A ReadyForQuery message ('Z', length 5, status) ends every reply: the connection is idle again. */
function endsWithReadyForQuery(bytes: Buffer) {
  const at = bytes.length - READY_FOR_QUERY_BYTES;
  return at >= 0 && bytes[at] === 0x5a && bytes.readInt32BE(at + 1) === 5;
}

/**
 * Watches the app's connections to the Postgres server, so that no request waits on a database that
 * is gone: a connection refused, reset or closed while a query waits on it, or silent for SILENCE_MS
 * while the server also leaves a probe unanswered for PROBE_MS (and the connection stays silent
 * meanwhile), opens the circuit breaker
 * (scripts/circuit-breaker.mjs) and drops every connection, failing their queries at once. A request
 * therefore gives up within about two seconds. While the breaker is open a probe runs every second;
 * the first answer closes it. A slow query on a live server (a lock wait, a long scan) is left alone:
 * the probe is answered, and asked again for that query only once a second (a server that dies during
 * it is noticed up to a second later).
 *
 * Returns postgres.js's `socket` option (the connections it opens go through it) and a stop function.
 */
export function watchDatabase(url: string) {
  const sockets = new Set<Watched>();
  let probing = false;
  let closed = false;

  async function probeAnswers(): Promise<boolean> {
    const { default: postgres } = await import("postgres");
    const sql = postgres(url, { max: 1, connect_timeout: 1, onnotice: () => {}, idle_timeout: 1 });
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        sql`select 1`,
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_MS} ms`)), PROBE_MS))),
      ]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
      void sql.end({ timeout: 0 }).catch(() => {});
    }
  }

  /** Closing them fails their queries with CONNECTION_CLOSED at once; postgres.js reconnects later. */
  function dropConnections() {
    for (const watched of sockets) watched.socket.destroy();
  }

  function down(reason: string) {
    openBreaker(reason);
    dropConnections();
    if (!probing) void probeUntilAnswered();
  }

  // Runs until the breaker closes, even when the connection that opened it is given up (a handle whose
  // first connection failed): nothing else would close it.
  async function probeUntilAnswered() {
    probing = true;
    try {
      while (!closed && databaseIsDown()) {
        if (await probeAnswers()) closeBreaker();
        else await new Promise((resolve) => setTimeout(resolve, RETRY_MS).unref());
      }
    } finally {
      probing = false;
    }
  }

  async function checkSilence() {
    const now = Date.now();
    // A statement that is merely slow (a long scan, a lock wait) is probed again only every RETRY_MS, not
    // on every check: each probe is a new connection to the server.
    const silent = [...sockets].filter(
      (watched) => watched.awaiting && now - watched.since > SILENCE_MS && !(watched.clearedSince === watched.since && now - watched.clearedAt < RETRY_MS),
    );
    if (silent.length === 0 || probing) return;
    if (databaseIsDown()) {
      for (const watched of silent) watched.socket.destroy();
      return;
    }
    probing = true;
    const heardBefore = silent.map((watched) => watched.since);
    const answered = await probeAnswers();
    probing = false;
    // A busy machine (or a busy server) makes both slow; a suspect that has heard back since is alive.
    const stillSilent = silent.some((watched, i) => watched.awaiting && watched.since === heardBefore[i] && sockets.has(watched));
    if (answered) {
      const at = Date.now();
      silent.forEach((watched, i) => {
        if (watched.since === heardBefore[i]) Object.assign(watched, { clearedSince: watched.since, clearedAt: at });
      });
    }
    if (!answered && stillSilent) down(`no answer for ${SILENCE_MS + PROBE_MS} ms`);
    // A connection that failed while this probe ran opened the breaker but could not start the loop that
    // closes it (this probe held the flag): start it now, or the instance would answer 503 for good.
    else if (databaseIsDown()) void probeUntilAnswered();
  }

  const timer = setInterval(() => void checkSilence(), CHECK_MS);
  timer.unref();

  const socket = (options: { host: string[]; port: number[]; path?: string }) => {
    const connection = options.path ? net.connect(options.path) : net.connect({ host: options.host[0], port: options.port[0] ?? 5432 });
    const watched: Watched = { socket: connection, awaiting: false, since: 0, tail: Buffer.alloc(0), clearedSince: -1, clearedAt: 0 };
    sockets.add(watched);
    const write = connection.write.bind(connection) as (...args: unknown[]) => boolean;
    connection.write = ((...args: unknown[]) => {
      if (!watched.awaiting) watched.since = Date.now();
      watched.awaiting = true;
      return write(...args);
    }) as typeof connection.write;
    connection.on("data", (chunk: Buffer) => {
      watched.since = Date.now();
      // Only a chunk shorter than the message is joined to what came before (rare: no copy otherwise).
      const heard = chunk.length >= READY_FOR_QUERY_BYTES ? chunk : Buffer.concat([watched.tail, chunk]);
      if (endsWithReadyForQuery(heard)) watched.awaiting = false;
      watched.tail = heard.subarray(-(READY_FOR_QUERY_BYTES - 1));
    });
    connection.on("error", (error: NodeJS.ErrnoException) => {
      if (!connection.destroyed || error.code) down(error.code ?? error.message);
    });
    connection.on("close", () => {
      sockets.delete(watched);
      if (watched.awaiting && !databaseIsDown()) down("the connection closed while a query waited");
    });
    return connection;
  };

  return {
    socket,
    /** No more checks of these connections (a probe already running goes on until the database answers). */
    abandon() {
      clearInterval(timer);
    },
    /** The handle is closed: stop probing too. */
    stop() {
      closed = true;
      clearInterval(timer);
    },
  };
}
