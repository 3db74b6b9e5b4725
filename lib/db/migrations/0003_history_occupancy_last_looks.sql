CREATE TABLE "fence_settings" (
	"fence_id" text PRIMARY KEY NOT NULL,
	"dwell_limit_s" integer,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fence_visits" (
	"fence_id" text NOT NULL,
	"device_id" text NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	"exited_at" timestamp with time zone,
	"dwell_alerted_at" timestamp with time zone,
	"source" text NOT NULL,
	"restricted" boolean DEFAULT false NOT NULL,
	CONSTRAINT "fence_visits_fence_id_device_id_entered_at_pk" PRIMARY KEY("fence_id","device_id","entered_at")
);
--> statement-breakpoint
CREATE TABLE "history_backfills" (
	"device_id" text NOT NULL,
	"from_at" timestamp with time zone NOT NULL,
	"to_at" timestamp with time zone NOT NULL,
	"state" text NOT NULL,
	"asked_at" timestamp with time zone NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "history_backfills_device_id_from_at_pk" PRIMARY KEY("device_id","from_at")
);
--> statement-breakpoint
CREATE TABLE "history_coverage" (
	"id" serial PRIMARY KEY NOT NULL,
	"from_at" timestamp with time zone NOT NULL,
	"to_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "history_devices" (
	"key" serial PRIMARY KEY NOT NULL,
	"device_id" text NOT NULL,
	"name" text,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "history_devices_device_id_unique" UNIQUE("device_id")
);
--> statement-breakpoint
CREATE TABLE "user_last_looks" (
	"email" text PRIMARY KEY NOT NULL,
	"looked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "user_last_looks" ADD CONSTRAINT "user_last_looks_email_users_email_fk" FOREIGN KEY ("email") REFERENCES "public"."users"("email") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
CREATE INDEX "fence_visits_entered_at" ON "fence_visits" USING btree ("entered_at");--> statement-breakpoint
CREATE INDEX "fence_visits_exited_at" ON "fence_visits" USING btree ("exited_at");--> statement-breakpoint
CREATE INDEX "history_coverage_to_at" ON "history_coverage" USING btree ("to_at");