import { Duplex } from "node:stream";

/**
 * One end of an in-memory connection: what a client or server HTTP implementation writes comes out
 * of the other end. It has the `net.Socket` methods Node's http client and server call
 * (`setTimeout` with a real idle timer, `setNoDelay`, `setKeepAlive`, `ref`/`unref`, `address`).
 */
export class MemorySocket extends Duplex {
  peer!: MemorySocket;
  readonly connecting = false;
  readonly remoteAddress = "127.0.0.1";
  readonly remotePort = 0;
  #idleMs = 0;
  #idleTimer: NodeJS.Timeout | undefined;

  override _read(): void {}

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.#touch();
    this.peer.#touch();
    this.peer.push(chunk);
    callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.peer.push(null);
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    clearTimeout(this.#idleTimer);
    if (!this.peer.destroyed) this.peer.destroy();
    callback(error);
  }

  /** Emits `timeout` after `ms` without traffic (0 turns it off), like `net.Socket#setTimeout`. */
  setTimeout(ms: number, callback?: () => void): this {
    this.#idleMs = ms;
    if (callback) this.once("timeout", callback);
    this.#touch();
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  address(): { address: string; family: string; port: number } {
    return { address: "127.0.0.1", family: "IPv4", port: 0 };
  }

  #touch(): void {
    clearTimeout(this.#idleTimer);
    if (this.#idleMs <= 0 || this.destroyed) return;
    this.#idleTimer = setTimeout(() => this.emit("timeout"), this.#idleMs);
    this.#idleTimer.unref();
  }
}

/** Two connected in-memory sockets: `[client, server]`. */
export function createSocketPair(): [MemorySocket, MemorySocket] {
  const client = new MemorySocket();
  const server = new MemorySocket();
  client.peer = server;
  server.peer = client;
  return [client, server];
}
