-- What the application last deployed to a cluster, resource by resource (remote mode): a bundled
-- model is deployed again only when its content changed since, so a version a process owner
-- deployed later from Modeler stays the latest across restarts of the application.
create table engine_deployment (
    target        text        not null, -- the cluster's REST address
    resource_name text        not null,
    checksum      text        not null, -- SHA-256 of the bundled resource, hex
    deployed_at   timestamptz not null,
    primary key (target, resource_name)
);
