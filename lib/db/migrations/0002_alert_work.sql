CREATE TABLE "alert_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "alert_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"alert_id" text NOT NULL,
	"alert_time" bigint NOT NULL,
	"version" integer NOT NULL,
	"action" text NOT NULL,
	"actor" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"note" text,
	"assignee" text,
	"previous_holder" text,
	CONSTRAINT "alert_events_one_per_version" UNIQUE("alert_id","alert_time","version"),
	CONSTRAINT "alert_events_action_known" CHECK (action in ('acknowledged', 'claimed', 'took_over', 'assigned', 'released', 'resolved', 'noted'))
);
--> statement-breakpoint
CREATE TABLE "alert_work" (
	"alert_id" text NOT NULL,
	"alert_time" bigint NOT NULL,
	"state" text NOT NULL,
	"version" integer NOT NULL,
	"acknowledged_by" text,
	"acknowledged_at" timestamp with time zone,
	"claimed_by" text,
	"claimed_at" timestamp with time zone,
	"assigned_by" text,
	"resolved_by" text,
	"resolved_at" timestamp with time zone,
	"note" text,
	"note_by" text,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_work_alert_id_alert_time_pk" PRIMARY KEY("alert_id","alert_time"),
	CONSTRAINT "alert_work_state_known" CHECK (state in ('new', 'acknowledged', 'resolved'))
);
--> statement-breakpoint
ALTER TABLE "alert_events" ADD CONSTRAINT "alert_events_work" FOREIGN KEY ("alert_id","alert_time") REFERENCES "public"."alert_work"("alert_id","alert_time") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_work_updated_at" ON "alert_work" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "alert_work_alert_time" ON "alert_work" USING btree ("alert_time");