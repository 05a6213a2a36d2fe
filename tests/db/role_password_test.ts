import assert from "node:assert/strict";
import postgres from "postgres";
import { openTestDatabase } from "../support/test_database.ts";
import { verifierAccepts } from "../../db/role_password.ts";
import { setupDatabase } from "../../db/setup.ts";

const ROLE = `role_password_test_${Deno.pid}`;

Deno.test("the server's own md5 and SCRAM verifiers accept exactly their password", async () => {
  await using db = await openTestDatabase();
  const sql = postgres(db.adminUrl, { onnotice: () => {}, max: 1 });
  try {
    await sql`create role ${sql(ROLE)} login`;
    for (const method of ["md5", "scram-sha-256"]) {
      await sql`select set_config('password_encryption', ${method}, false)`;
      for (const password of ["pencil", "a much longer pass phrase with spaces", "å ä ö"]) {
        await sql.unsafe(
          (await sql`select format('alter role %I password %L', ${ROLE}::text, ${password}::text) as q`)[
            0
          ]!.q,
        );
        const [row] = await sql<{ v: string }[]>`
          select rolpassword as v from pg_authid where rolname = ${ROLE}`;
        assert.ok(row!.v.startsWith(method === "md5" ? "md5" : "SCRAM-SHA-256$"), row!.v);
        assert.equal(verifierAccepts(row!.v, ROLE, password), true, `${method} ${password}`);
        assert.equal(verifierAccepts(row!.v, ROLE, `${password}x`), false, `${method} other`);
        assert.equal(verifierAccepts(row!.v, `${ROLE}x`, password), method !== "md5");
      }
    }
    assert.equal(verifierAccepts(null, ROLE, ""), false);
    assert.equal(verifierAccepts("SCRAM-SHA-256$garbage", ROLE, "x"), false);
  } finally {
    await sql`drop role if exists ${sql(ROLE)}`;
    await sql.end();
  }
});

Deno.test("setup keeps a matching stored password and replaces a different one", async () => {
  await using db = await openTestDatabase();
  const sql = postgres(db.adminUrl, { onnotice: () => {}, max: 1 });
  const verifier = async () =>
    (await sql<{ v: string }[]>`select rolpassword as v from pg_authid where rolname = ${ROLE}`)[0]!
      .v;
  const setup = (password: string) =>
    setupDatabase(sql, {
      schema: db.schema,
      readerRole: ROLE,
      writerRole: "backfill_writer",
      readerPassword: password,
      writerPassword: null,
    });
  try {
    await setup("first");
    const first = await verifier();
    await setup("first");
    assert.equal(await verifier(), first);
    await setup("second");
    const second = await verifier();
    assert.notEqual(second, first);
    assert.equal(verifierAccepts(second, ROLE, "second"), true);
  } finally {
    await sql`drop owned by ${sql(ROLE)}`;
    await sql`drop role if exists ${sql(ROLE)}`;
    await sql.end();
  }
});
