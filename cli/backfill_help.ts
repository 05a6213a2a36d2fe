import {
  DEFAULT_CONCURRENCY,
  DEFAULT_OCR_LANG,
  DEFAULT_OUTPUT_DIR,
  DEFAULT_OUTPUT_FILE,
  DEFAULT_REVIEW_IMAGES,
  DEFAULT_REVIEW_MAX_IMAGES,
  DEFAULT_SCHEMA,
  REVIEW_FILE_NAME,
  REVIEW_IMAGE_MODES,
  SESSION_STATES,
  TIME_ZONE,
} from "../lib/backfill_flags.ts";

export const BACKFILL_HELP =
  `Re-run OCR and schedule extraction over stored capture sessions and write what apply
would change, without writing to the database (dry run).

Usage:
  deno task backfill --database-url URL --local-root DIR [options]

Options:
  --database-url URL        Connection string of a read-only role (default: $DATABASE_URL)
  --local-root DIR          Folder of downloaded images: <r2_key> or its basename under it
  --db-schema NAME          Schema of the capture tables (default: ${DEFAULT_SCHEMA})
  --session-id ID           Only this session; repeat for several
  --user-id ID              Only this user's sessions
  --states LIST             Comma list of states: ${SESSION_STATES.join(",")} (default: all)
  --from-date YYYY-MM-DD    Sessions created on or after this day (${TIME_ZONE})
  --to-date YYYY-MM-DD      Sessions created on or before this whole day (${TIME_ZONE})
  --limit N                 At most N sessions, oldest first (created_at, id)
  --output-file FILE        Summary report (default: ${DEFAULT_OUTPUT_FILE})
  --output-dir DIR          Per-session files <id>.json (default: ${DEFAULT_OUTPUT_DIR}/)
  --no-review               Do not write the review page ${REVIEW_FILE_NAME} beside the summary
  --review-images MODE      Whose screenshots the page embeds (${
    REVIEW_IMAGE_MODES.join(", ")
  }; default:
                            ${DEFAULT_REVIEW_IMAGES}): review takes sessions that failed, would change, warn
                            or hold a shift apply would hold back for its confidence
  --review-max-images N     At most N screenshots on the page, failed sessions first, then
                            pending changes (default: ${DEFAULT_REVIEW_MAX_IMAGES}); it says what it left out
  --ocr-lang CODE           OCR language (default: ${DEFAULT_OCR_LANG})
  --ocr-default-year YYYY   Year for dates no other rule can place
  --concurrency N           OCR workers, and workers downscaling screenshots for the page
                            (default: ${DEFAULT_CONCURRENCY})
  --cache-dir DIR           OCR cache and downscaled screenshots (default:
                            <output-dir>/.ocr_cache)
  --shard K/N               Only sessions whose id hashes to shard K of N (0-based);
                            auto/N takes K from JOB_COMPLETION_INDEX
  --json                    Print the summary as JSON instead of a table
  -h, --help                Show this help

Environment:
  DATABASE_URL              Used when --database-url is not given, so the secret stays out
                            of the process list
  JOB_COMPLETION_INDEX      Shard index for --shard auto/N (Kubernetes Indexed Jobs)

Exit codes:
  0    every session ok or without a schedule
  1    some sessions failed (the others are still written), or a fatal error
       (database unreachable or lost, role may write, permissions too broad)
  2    usage error
  130  interrupted: finished sessions are written, the summary is partial

Permissions (granted by the launcher, nothing more):
  --allow-net     the database host and port only
  --allow-read    --local-root, the OCR engine's modules and language data, the outputs
  --allow-write   --output-file, ${REVIEW_FILE_NAME} beside it, --output-dir and --cache-dir only
  --allow-env     DATABASE_URL, JOB_COMPLETION_INDEX and the PG* variables of the driver
  The entry refuses to start with any write, run or network grant beyond these.`;
