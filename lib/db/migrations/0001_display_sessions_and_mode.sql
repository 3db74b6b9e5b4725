CREATE TABLE "deployment" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"mode" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "deployment_one_row" CHECK ("deployment"."id" = 1),
	CONSTRAINT "deployment_mode_known" CHECK ("deployment"."mode" in ('simulator', 'fleetup'))
);
--> statement-breakpoint
CREATE TABLE "display_sessions" (
	"display_id" text PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"previous_hash" text,
	"current_seen" boolean DEFAULT false NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"rotated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "display_sessions_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "displays" ADD COLUMN "demo" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "display_sessions" ADD CONSTRAINT "display_sessions_display_id_displays_id_fk" FOREIGN KEY ("display_id") REFERENCES "public"."displays"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "display_sessions_previous_hash" ON "display_sessions" USING btree ("previous_hash");