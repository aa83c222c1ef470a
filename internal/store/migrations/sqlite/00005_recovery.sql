-- +goose Up
CREATE TABLE reflections (
    tenant_id      text NOT NULL,
    id             text NOT NULL,
    rejection_id   text NOT NULL,
    candidate_id   text NOT NULL,
    prompt_version text NOT NULL,
    answers        text NOT NULL,
    created_at     datetime NOT NULL,
    updated_at     datetime NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, rejection_id) REFERENCES rejections (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX reflections_tenant_rejection ON reflections (tenant_id, rejection_id, id);
CREATE INDEX reflections_tenant_candidate ON reflections (tenant_id, candidate_id, id);

-- One plan per rejection, created in the rejection's transaction.
CREATE TABLE recovery_plans (
    tenant_id    text NOT NULL,
    id           text NOT NULL,
    rejection_id text NOT NULL,
    candidate_id text NOT NULL,
    status       text NOT NULL,   -- active, completed
    revision     integer NOT NULL,
    starts_on    text NOT NULL,   -- YYYY-MM-DD in the candidate's time zone; anchors every due date
    created_at   datetime NOT NULL,
    updated_at   datetime NOT NULL,
    completed_at datetime,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, rejection_id) REFERENCES rejections (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX recovery_plans_tenant_rejection ON recovery_plans (tenant_id, rejection_id);
CREATE INDEX recovery_plans_tenant_candidate ON recovery_plans (tenant_id, candidate_id, id);
CREATE INDEX recovery_plans_tenant_status ON recovery_plans (tenant_id, status, id);

CREATE TABLE recovery_plan_steps (
    tenant_id      text NOT NULL,
    id             text NOT NULL,
    plan_id        text NOT NULL,
    key            text NOT NULL,
    kind           text NOT NULL,
    title          text NOT NULL,
    guidance       text NOT NULL,
    due_on         text NOT NULL, -- YYYY-MM-DD in the candidate's time zone
    position       integer NOT NULL,
    status         text NOT NULL,
    note           text NOT NULL DEFAULT '',
    reasons        text NOT NULL,
    started_at     datetime,
    completed_at   datetime,
    due_emitted_at datetime,   -- when recovery_plan.step_due went out (at most once)
    created_at     datetime NOT NULL,
    updated_at     datetime NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, plan_id) REFERENCES recovery_plans (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX recovery_plan_steps_tenant_plan_key ON recovery_plan_steps (tenant_id, plan_id, key);
CREATE INDEX recovery_plan_steps_tenant_due ON recovery_plan_steps (tenant_id, due_emitted_at, due_on);

CREATE TABLE recovery_plan_revisions (
    tenant_id  text NOT NULL,
    id         text NOT NULL,
    plan_id    text NOT NULL,
    revision   integer NOT NULL,
    trigger    text NOT NULL,
    changes    text NOT NULL,
    created_at datetime NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, plan_id) REFERENCES recovery_plans (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX recovery_plan_revisions_tenant_plan ON recovery_plan_revisions (tenant_id, plan_id, id);

-- +goose Down
DROP TABLE recovery_plan_revisions;
DROP TABLE recovery_plan_steps;
DROP TABLE recovery_plans;
DROP TABLE reflections;
