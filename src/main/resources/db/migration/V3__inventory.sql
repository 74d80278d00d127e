-- The inventory the context feature matches alerts against: assets, identities and threat-intel indicators.
-- Written to run unchanged on PostgreSQL and on H2 in PostgreSQL mode.

-- Assets, keyed by the client's own id (a CMDB id, say).
create table asset (
    id              varchar(100)  primary key,
    criticality     varchar(20)   not null,
    environment     varchar(20)   not null,
    exposure        varchar(20),
    owner_team      varchar(200),
    mission_impact  varchar(40),
    safety_impact   varchar(40),
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null
);

-- Host names, lower case; one name belongs to one asset.
create table asset_hostname (
    asset_id  varchar(100)  not null references asset (id) on delete cascade,
    hostname  varchar(253)  not null,
    constraint uq_asset_hostname unique (hostname)
);
create index ix_asset_hostname_asset on asset_hostname (asset_id);

-- Addresses and CIDR blocks as numeric ranges (IPv6 needs 128 bits), so an index finds the blocks holding an address.
create table asset_network (
    asset_id       varchar(100)   not null references asset (id) on delete cascade,
    network        varchar(50)    not null,
    family         smallint       not null,
    first_address  numeric(39, 0) not null,
    last_address   numeric(39, 0) not null,
    prefix_length  smallint       not null,
    primary key (asset_id, network)
);
create index ix_asset_network_range on asset_network (family, first_address, last_address);

-- Accounts; account_key is the lower-case name, the unique key alerts are matched on.
create table inventory_identity (
    id               varchar(100)  primary key,
    account_name     varchar(256)  not null,
    account_key      varchar(256)  not null,
    privileged       boolean       not null,
    service_account  boolean       not null,
    vip              boolean       not null,
    department       varchar(200),
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    constraint uq_identity_account unique (account_key)
);

-- Indicators: one row per (type, value, source); ip and cidr rows also carry their numeric range.
create table intel_indicator (
    id             uuid           primary key,
    indicator_type varchar(10)    not null,
    indicator      varchar(2048)  not null,
    source         varchar(200)   not null,
    confidence     integer        not null,
    valid_until    timestamp with time zone,
    description    varchar(1000),
    stix_id        varchar(200),
    family         smallint,
    first_address  numeric(39, 0),
    last_address   numeric(39, 0),
    created_at     timestamp with time zone not null,
    updated_at     timestamp with time zone not null,
    constraint uq_indicator unique (indicator_type, indicator, source)
);
create index ix_indicator_value on intel_indicator (indicator_type, indicator);
create index ix_indicator_range on intel_indicator (family, first_address, last_address);
