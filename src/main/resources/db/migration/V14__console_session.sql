-- Console sessions (issue 10): the console's encrypted cookie carries a random handle; this table holds a SHA-256 of
-- it. Every request looks its row up by primary key, so signing out (revoked_at) ends the session on every replica at
-- once, and a copied cookie stops working. Local users' roles are read from app_user on each request (roles is null);
-- a person signed in through the identity provider keeps the roles its token carried at sign-in.
create table console_session (
    id               varchar(64)   primary key,
    principal_kind   varchar(20)   not null,
    principal_id     varchar(300)  not null,
    principal_name   varchar(200)  not null,
    roles            varchar(200),
    end_session_uri  varchar(1000),
    created_at       timestamp with time zone not null,
    handoff_until    timestamp with time zone,
    revoked_at       timestamp with time zone
);

create index ix_console_session_created on console_session (created_at);
