-- The capture tables production keeps, and the three tables apply writes.
-- Run with search_path set to the target schema; every name here is unqualified.

create table if not exists capture_session (
  id bigint primary key,
  user_id bigint not null,
  state text not null check (state in ('open', 'closed', 'processing', 'done', 'failed')),
  created_at timestamptz not null
);
create index if not exists capture_session_created_at_idx on capture_session (created_at, id);
create index if not exists capture_session_user_idx on capture_session (user_id, created_at);

create table if not exists capture_image (
  id bigint generated always as identity primary key,
  session_id bigint not null references capture_session (id),
  sequence int not null,
  r2_key text not null unique,
  created_at timestamptz not null default now(),
  unique (session_id, sequence)
);

-- Production's state machine: open -> closed -> processing -> done | failed, failed -> processing.
-- A new session starts open. An update that keeps the state (other columns only) is allowed.
create or replace function capture_session_guard() returns trigger
language plpgsql set search_path from current as $$
begin
  if tg_op = 'INSERT' then
    if new.state <> 'open' then
      raise exception 'A capture session starts open, not "%"', new.state
        using errcode = 'check_violation';
    end if;
  elsif new.state is distinct from old.state and not (
       (old.state = 'open' and new.state = 'closed')
    or (old.state = 'closed' and new.state = 'processing')
    or (old.state = 'processing' and new.state in ('done', 'failed'))
    or (old.state = 'failed' and new.state = 'processing')) then
    raise exception 'Illegal capture session transition "%" -> "%"', old.state, new.state
      using errcode = 'check_violation';
  end if;
  return new;
end $$;

create or replace trigger capture_session_guard
  before insert or update on capture_session
  for each row execute function capture_session_guard();

-- Images join a session only while it is open.
create or replace function capture_image_guard() returns trigger
language plpgsql set search_path from current as $$
declare
  session_state text;
begin
  select state into session_state from capture_session where id = new.session_id for share;
  if session_state is distinct from 'open' then
    raise exception 'Capture session % is "%", images can only join an open session',
      new.session_id, coalesce(session_state, 'missing')
      using errcode = 'check_violation';
  end if;
  return new;
end $$;

create or replace trigger capture_image_guard
  before insert on capture_image
  for each row execute function capture_image_guard();

-- One row per user and calendar day: the day as last captured.
create table if not exists day_snapshot (
  user_id bigint not null,
  day date not null,
  status text not null check (status in ('work', 'off', 'vacation', 'sick')),
  shifts jsonb not null,
  source_session_id bigint not null,
  source_captured_at timestamptz not null,
  content_hash text not null,
  updated_at timestamptz not null default now(),
  primary key (user_id, day)
);

-- One row per shift; a user cannot start two shifts at the same instant on one day.
create table if not exists schedule_event (
  id bigint generated always as identity primary key,
  user_id bigint not null,
  day date not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  label text,
  location text,
  break_minutes int,
  source_session_id bigint not null,
  updated_at timestamptz not null default now(),
  unique (user_id, day, starts_at)
);

create table if not exists notification (
  id bigint generated always as identity primary key,
  user_id bigint not null,
  day date not null,
  kind text not null
    check (kind in ('shift_added', 'shift_removed', 'shift_changed', 'day_status_changed')),
  payload jsonb not null,
  fingerprint text not null,
  source_session_id bigint not null,
  created_at timestamptz not null default now(),
  unique (source_session_id, user_id, day, kind, fingerprint)
);
create index if not exists notification_user_day_idx on notification (user_id, day);
