import net from "node:net";

export type ProxyMode = "forward" | "hang" | "refuse";

type Pair = { client: net.Socket; upstream: net.Socket | null; lost: boolean };

/**
 * A TCP proxy a test owns, in front of a Postgres server, that can fail the way networks do: `hang`
 * stops forwarding in both directions and accepts new connections without ever answering (a stopped
 * server refuses at once, which does not reproduce a hang); `refuse` drops every connection and
 * refuses new ones; `forward` passes bytes through again. Data held while hanging is discarded.
 */
export class TcpProxy {
  private server: net.Server | null = null;
  private readonly pairs = new Set<Pair>();
  mode: ProxyMode = "forward";
  /** Connections accepted so far (the app's and its probes'). */
  accepted = 0;

  constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  async start() {
    this.server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(this.port, "127.0.0.1", () => resolve());
    });
  }

  private accept(client: net.Socket) {
    this.accepted += 1;
    const pair: Pair = { client, upstream: null, lost: false };
    this.pairs.add(pair);
    client.on("error", () => {});
    client.on("close", () => {
      pair.upstream?.destroy();
      this.pairs.delete(pair);
    });
    if (this.mode === "refuse") return client.destroy();
    if (this.mode === "hang") return; // accepted, never answered
    this.connect(pair);
  }

  private connect(pair: Pair) {
    const upstream = net.connect(this.target);
    pair.upstream = upstream;
    upstream.on("error", () => pair.client.destroy());
    upstream.on("close", () => pair.client.destroy());
    upstream.on("data", (chunk) => {
      if (this.mode === "forward") pair.client.write(chunk);
      else pair.lost = true;
    });
    pair.client.on("data", (chunk) => {
      if (this.mode === "forward") upstream.write(chunk);
      else pair.lost = true;
    });
  }

  /** Stops forwarding: open connections go silent, new ones are accepted and never answered. */
  hang() {
    this.mode = "hang";
  }

  /** Drops every connection and refuses new ones, as a server that went away would. */
  refuse() {
    this.mode = "refuse";
    for (const pair of this.pairs) pair.client.destroy();
  }

  /**
   * Forwards again. Connections that lost bytes while hanging (or were accepted then, and never connected
   * upstream) could not go on where they were, so they are dropped; their clients reconnect. Connections
   * that stayed idle carry on.
   */
  forward() {
    this.mode = "forward";
    for (const pair of this.pairs) if (!pair.upstream || pair.lost) pair.client.destroy();
  }

  async stop() {
    for (const pair of this.pairs) pair.client.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }
}
