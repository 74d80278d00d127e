-- Vulnerability facts, looked up by CVE id when an alert names CVEs: CISA's Known Exploited Vulnerabilities
-- catalog, FIRST's EPSS scores and per-CVE SSVC options. Each is replaced by its import, never edited in place.
-- And the SSVC block of each decision. Written to run unchanged on PostgreSQL and on H2 in PostgreSQL mode.

-- The KEV catalog as last imported: an import replaces every row.
create table vuln_kev (
    cve_id              varchar(30)   primary key,
    vendor_project      varchar(300)  not null,
    product             varchar(300)  not null,
    vulnerability_name  varchar(500),
    date_added          date          not null,
    short_description   text,
    required_action     text,
    due_date            date,
    ransomware_use      varchar(10)   not null,
    notes               text,
    cwes                varchar(500),
    catalog_version     varchar(40)   not null,
    date_released       timestamp with time zone not null
);

-- EPSS scores: an import replaces the rows of the CVEs it lists.
create table vuln_epss (
    cve_id         varchar(30)       primary key,
    epss           double precision  not null,
    percentile     double precision  not null,
    model_version  varchar(40),
    score_date     date
);

-- SSVC options per CVE (values as CERT/CC publishes them): an import replaces the rows of the CVEs it lists.
create table vuln_ssvc_options (
    cve_id            varchar(30)   primary key,
    exploitation      varchar(20)   not null,
    automatable       varchar(5)    not null,
    technical_impact  varchar(10)   not null,
    imported_at       timestamp with time zone not null
);

-- A vulnerability alert's SSVC block (inputs, their sources, outcomes per CVE); null for other alerts.
alter table decision add column ssvc_json text;
