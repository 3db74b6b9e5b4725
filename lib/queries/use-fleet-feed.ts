"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { feedConnection } from "./feed-connection";
import { startFleetFeed } from "./fleet-feed";

/** Mount once per tab (the dashboard does): opens the one live stream and closes it on leave. */
export function useFleetFeed() {
  const client = useQueryClient();
  useEffect(
    function openFleetFeed() {
      return startFleetFeed(client, feedConnection);
    },
    [client],
  );
}
