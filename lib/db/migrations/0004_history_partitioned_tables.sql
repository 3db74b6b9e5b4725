-- Recorded positions and events, partitioned by day (lib/db/history.ts makes each day's
-- partition before the first row of that day and drops whole days past HISTORY_DAYS): pruning
-- is a DROP TABLE, never a DELETE of millions of rows. Drizzle cannot describe partitioned
-- tables, so they live in this custom migration and are queried in SQL.
-- A position: coordinates in 1e-5 degrees (about a metre), speed in tenths of km/h, heading in
-- degrees, status 0 moving, 1 idle, 2 stopped, 3 offline; `age_s` is set on a day's first row of
-- a device (its keyframe), whose fix was taken that many seconds before `t`.
CREATE TABLE "history_positions" (
	"t" timestamp with time zone NOT NULL,
	"device_key" integer NOT NULL,
	"lat" integer NOT NULL,
	"lng" integer NOT NULL,
	"age_s" integer,
	"speed_dkph" smallint,
	"heading" smallint,
	"status" smallint NOT NULL,
	CONSTRAINT "history_positions_pk" PRIMARY KEY("device_key","t")
) PARTITION BY RANGE ("t");
--> statement-breakpoint
-- Rows arrive in time order, so a block range index finds a time window for the whole fleet
-- (whole-fleet replay) at a fraction of a b-tree's size.
CREATE INDEX "history_positions_t" ON "history_positions" USING brin ("t");
--> statement-breakpoint
-- Status changes, trip starts and ends, alerts and fence entries and exits; `ref` names the
-- thing (the device, the trip, the alert, the fence and device), so an event is stored once.
CREATE TABLE "history_events" (
	"t" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"ref" text NOT NULL,
	"device_id" text,
	"data" jsonb NOT NULL,
	CONSTRAINT "history_events_pk" PRIMARY KEY("kind","ref","t")
) PARTITION BY RANGE ("t");
--> statement-breakpoint
CREATE INDEX "history_events_t" ON "history_events" USING btree ("t");
--> statement-breakpoint
CREATE INDEX "history_events_device_t" ON "history_events" USING btree ("device_id","t");
