"use client";

import { createElementObject, createLayerComponent, type LayerProps } from "@react-leaflet/core";
import type { LiveVehicle } from "@/lib/fleet/live";
import { VehicleCanvasLayer, type VehicleLayerOptions } from "./vehicle-canvas-layer";

export type VehicleLayerProps = LayerProps &
  VehicleLayerOptions & { vehicles: readonly LiveVehicle[]; selectedId?: string };

function createVehicleLayer(
  props: VehicleLayerProps,
  context: Parameters<Parameters<typeof createLayerComponent>[0]>[1],
) {
  const layer = new VehicleCanvasLayer({
    onSelect: props.onSelect,
    onRendered: props.onRendered,
    onSettled: props.onSettled,
    serverNow: props.serverNow,
    clustering: props.clustering,
    dark: props.dark,
  });
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
  if (
    props.onSelect !== prev.onSelect ||
    props.onRendered !== prev.onRendered ||
    props.onSettled !== prev.onSettled ||
    props.serverNow !== prev.serverNow ||
    props.clustering !== prev.clustering ||
    props.dark !== prev.dark
  ) {
    layer.setOptions({
      onSelect: props.onSelect,
      onRendered: props.onRendered,
      onSettled: props.onSettled,
      serverNow: props.serverNow,
      clustering: props.clustering,
      dark: props.dark,
    });
  }
}

/** Every vehicle on one canvas (see VehicleCanvasLayer); no React element per vehicle. */
export const VehicleLayer = createLayerComponent<VehicleCanvasLayer, VehicleLayerProps>(
  createVehicleLayer,
  updateVehicleLayer,
);
