"use client";

import { createElementObject, createLayerComponent, type LayerProps } from "@react-leaflet/core";
import type { LiveVehicle } from "@/lib/fleet/live";
import { useT } from "@/lib/i18n/i18n-provider";
import { VehicleCanvasLayer, type VehicleLayerOptions } from "./vehicle-canvas-layer";

type LayerComponentProps = LayerProps &
  VehicleLayerOptions & { vehicles: readonly LiveVehicle[]; selectedId?: string };
export type VehicleLayerProps = Omit<LayerComponentProps, "text">;

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
  "text",
] as const;

/** The layer's options, as they come from the component's props. */
function layerOptions(props: LayerComponentProps) {
  const { onSelect, onRendered, onSettled, serverNow, thresholds, alerts } = props;
  const { clustering, dark, symbolScale, text } = props;
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
    text,
  };
}

function createVehicleLayer(
  props: LayerComponentProps,
  context: Parameters<Parameters<typeof createLayerComponent>[0]>[1],
) {
  const layer = new VehicleCanvasLayer(layerOptions(props));
  layer.setVehicles(props.vehicles);
  layer.setSelected(props.selectedId);
  return createElementObject(layer, context);
}

function updateVehicleLayer(
  layer: VehicleCanvasLayer,
  props: LayerComponentProps,
  prev: LayerComponentProps,
) {
  if (props.vehicles !== prev.vehicles) layer.setVehicles(props.vehicles);
  if (props.selectedId !== prev.selectedId) layer.setSelected(props.selectedId);
  const options = layerOptions(props);
  const before = layerOptions(prev);
  if (OPTION_KEYS.some((key) => options[key] !== before[key])) layer.setOptions(options);
}

const CanvasLayer = createLayerComponent<VehicleCanvasLayer, LayerComponentProps>(
  createVehicleLayer,
  updateVehicleLayer,
);

/**
 * Every vehicle on one canvas (see VehicleCanvasLayer); no React element per vehicle. The
 * clusters are named in the page's language.
 */
export function VehicleLayer(props: VehicleLayerProps) {
  return <CanvasLayer {...props} text={useT("map")} />;
}
