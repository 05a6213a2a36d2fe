/** A database URL fit for logs and reports: the password never leaves the process. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "<unparsable database URL>";
  }
}

/** "host:port" of a database URL, for messages and network grants. */
export function hostPort(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || "5432"}`;
}
