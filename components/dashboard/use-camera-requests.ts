"use client";

import { useCallback, useRef, useState } from "react";
import type { CameraRequest } from "@/components/map/core/camera";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type CameraAsk = DistributiveOmit<CameraRequest, "seq">;

/**
 * What a person last asked the map's camera to do. Each ask gets a new `seq`, so asking for the
 * same vehicle twice (after panning away) moves the camera again.
 */
export function useCameraRequests(): [CameraRequest | undefined, (request: CameraAsk) => void] {
  const [camera, setCamera] = useState<CameraRequest>();
  const seq = useRef(0);
  const ask = useCallback((request: CameraAsk) => {
    seq.current += 1;
    setCamera({ ...request, seq: seq.current } as CameraRequest);
  }, []);
  return [camera, ask];
}
