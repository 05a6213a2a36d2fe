/**
 * Whether a stored PostgreSQL password verifier (pg_authid.rolpassword) already accepts a
 * password. Setup sets a password only when it does not, so a rerun leaves the catalog as it was
 * (a fresh SCRAM verifier would carry a new random salt).
 */
import { Buffer } from "node:buffer";
import { createHash, createHmac, pbkdf2Sync, timingSafeEqual } from "node:crypto";

const SCRAM = /^SCRAM-SHA-256\$(\d+):([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$/;

function same(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export function verifierAccepts(verifier: string | null, role: string, password: string): boolean {
  if (verifier === null) return false;
  const scram = SCRAM.exec(verifier);
  if (scram) {
    const [, iterations, salt, storedKey, serverKey] = scram as unknown as string[];
    // RFC 5802. The server also applies SASLprep, which leaves ASCII as it is; for other text a
    // mismatch only means the password is set again.
    const salted = pbkdf2Sync(
      password,
      Buffer.from(salt!, "base64"),
      Number(iterations),
      32,
      "sha256",
    );
    const clientKey = createHmac("sha256", salted).update("Client Key").digest();
    const stored = createHash("sha256").update(clientKey).digest();
    const server = createHmac("sha256", salted).update("Server Key").digest();
    return same(stored, Buffer.from(storedKey!, "base64")) &&
      same(server, Buffer.from(serverKey!, "base64"));
  }
  if (/^md5[0-9a-f]{32}$/.test(verifier)) {
    const md5 = `md5${createHash("md5").update(password + role).digest("hex")}`;
    return same(Buffer.from(md5), Buffer.from(verifier));
  }
  return false;
}
