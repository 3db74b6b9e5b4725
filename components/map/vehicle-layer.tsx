"use client";

import { createElementObject, createLayerComponent, type LayerProps } from "@react-leaflet/core";
import type { LiveVehicle } from "@/lib/fleet/live";
import { VehicleCanvasLayer, type VehicleLayerOptions } from "./vehicle-canvas-layer";

export type VehicleLayerProps = LayerProps &
  VehicleLayerOptions & { vehicles: readonly LiveVehicle[]; selectedId?: string };

const OPTION_KEYS = [
  "onSelect",
  "onRendered",
  "onSettled",
  "serverNow",
  "thresholds",
  "alerts",
  "clustering",
  "dark",
  "symbolScale",
] as const;

/** The layer's options, as they come from the component's props. */
function layerOptions(props: VehicleLayerProps) {
  const { onSelect, onRendered, onSettled, serverNow, thresholds, alerts } = props;
  const { clustering, dark, symbolScale } = props;
  return {
    onSelect,
    onRendered,
    onSettled,
    serverNow,
    thresholds,
    alerts,
    clustering,
    dark,
    symbolScale,
  };
}

function createVehicleLayer(
  props: VehicleLayerProps,
  context: Parameters<Parameters<typeof createLayerComponent>[0]>[1],
) {
  const layer = new VehicleCanvasLayer(layerOptions(props));
  layer.setVehicles(props.vehicles);
  layer.setSelected(props.selectedId);
  return createElementObject(layer, context);
}

function updateVehicleLayer(
  layer: VehicleCanvasLayer,
  props: VehicleLayerProps,
  prev: VehicleLayerProps,
) {
  if (props.vehicles !== prev.vehicles) layer.setVehicles(props.vehicles);
  if (props.selectedId !== prev.selectedId) layer.setSelected(props.selectedId);
  const options = layerOptions(props);
  const before = layerOptions(prev);
  if (OPTION_KEYS.some((key) => options[key] !== before[key])) layer.setOptions(options);
}

/** Every vehicle on one canvas (see VehicleCanvasLayer); no React element per vehicle. */
export const VehicleLayer = createLayerComponent<VehicleCanvasLayer, VehicleLayerProps>(
  createVehicleLayer,
  updateVehicleLayer,
);
