// @vitest-environment happy-dom
import { act, screen, waitFor } from "@testing-library/react";
import { useState } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fakeLayout, renderWithApp } from "@/e2e/support/component";
import type { LiveVehicle } from "@/lib/fleet/live";
import { VehicleList } from "./vehicle-list";

// Rows are 56 px: a 560 px list shows 10 of them, and a page (PageDown) is 9.
beforeEach(() => fakeLayout({ width: 320, height: 560 }));

function vehicles(count: number): LiveVehicle[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `v${i + 1}`,
    name: `Truck ${i + 1}`,
    lat: 40,
    lng: -3,
    fixTime: 0,
    status: "stopped",
    statusSince: 0,
  }));
}

/** The list as the dashboard holds it: the selection lives above it, in the URL there. */
function List(props: { vehicles: LiveVehicle[]; onSelect: (id: string) => void; first?: string }) {
  const [selectedId, setSelectedId] = useState(props.first);
  return (
    <VehicleList
      vehicles={props.vehicles}
      selectedId={selectedId}
      units="kmh"
      onSelect={(id) => {
        props.onSelect(id);
        setSelectedId(id);
      }}
    />
  );
}

async function focusList(count: number, first?: string) {
  const onSelect = vi.fn<(id: string) => void>();
  const rendered = renderWithApp(
    <List vehicles={vehicles(count)} onSelect={onSelect} first={first} />,
  );
  await rendered.user.tab();
  const listbox = screen.getByRole("listbox", { name: `Vehicles, ${count} shown` });
  expect(listbox).toBe(document.activeElement);
  return { ...rendered, listbox, onSelect };
}

/** The vehicle of the option the listbox points at (aria-activedescendant), a rendered option. */
function activeVehicle(listbox: HTMLElement): string | undefined {
  const id = listbox.getAttribute("aria-activedescendant");
  if (!id) return undefined;
  const option = document.getElementById(id);
  expect(option?.getAttribute("role")).toBe("option");
  return option?.getAttribute("data-vehicle-id") ?? undefined;
}

describe("the vehicle list's keyboard", () => {
  it("moves with the arrow keys, Home and End, and stops at either end", async () => {
    const { listbox, user } = await focusList(5);
    expect(activeVehicle(listbox)).toBe("v1");
    await user.keyboard("{ArrowDown}");
    expect(activeVehicle(listbox)).toBe("v2");
    await user.keyboard("{ArrowDown}{ArrowDown}{ArrowDown}{ArrowDown}{ArrowDown}");
    expect(activeVehicle(listbox)).toBe("v5");
    await user.keyboard("{ArrowUp}");
    expect(activeVehicle(listbox)).toBe("v4");
    await user.keyboard("{Home}");
    await waitFor(() => expect(activeVehicle(listbox)).toBe("v1"));
    await user.keyboard("{ArrowUp}");
    expect(activeVehicle(listbox)).toBe("v1");
    await user.keyboard("{End}");
    expect(activeVehicle(listbox)).toBe("v5");
  });

  it("selects the active vehicle with Enter or Space, and only then", async () => {
    const { listbox, user, onSelect } = await focusList(5);
    await user.keyboard("{ArrowDown}{ArrowDown}");
    expect(onSelect).not.toHaveBeenCalled();
    expect(screen.queryByRole("option", { selected: true })).toBeNull();

    await user.keyboard("{Enter}");
    expect(onSelect).toHaveBeenLastCalledWith("v3");
    expect(screen.getByRole("option", { selected: true }).dataset.vehicleId).toBe("v3");

    await user.keyboard("{ArrowUp} ");
    expect(onSelect).toHaveBeenLastCalledWith("v2");
    expect(onSelect).toHaveBeenCalledTimes(2);
    expect(screen.getByRole("option", { selected: true }).dataset.vehicleId).toBe("v2");
    expect(activeVehicle(listbox)).toBe("v2");
  });

  it("starts from the selected vehicle when it gets focus", async () => {
    const { listbox, user, onSelect } = await focusList(5, "v4");
    expect(activeVehicle(listbox)).toBe("v4");
    await user.keyboard("{ArrowDown}{Enter}");
    expect(onSelect).toHaveBeenCalledWith("v5");
  });

  it("scrolls a long list to the row the keys reach (only rows in view exist)", async () => {
    const { listbox, user, onSelect } = await focusList(200);
    expect(screen.queryByText("Truck 200")).toBeNull();

    // The rows follow the scroll, which a browser reports a moment after it moved.
    await user.keyboard("{End}");
    await waitFor(() => expect(activeVehicle(listbox)).toBe("v200"));
    expect(screen.queryByText("Truck 1")).toBeNull();
    await user.keyboard("{Enter}");
    expect(onSelect).toHaveBeenLastCalledWith("v200");

    await user.keyboard("{Home}");
    await waitFor(() => expect(activeVehicle(listbox)).toBe("v1"));
    await user.keyboard("{PageDown}");
    expect(activeVehicle(listbox)).toBe("v10");
    await user.keyboard("{PageDown}{PageDown}{PageUp}");
    await waitFor(() => expect(activeVehicle(listbox)).toBe("v19"));
  });

  it("selects a vehicle clicked, and the keys carry on from there", async () => {
    const { listbox, user, onSelect } = await focusList(5);
    await user.click(screen.getByText("Truck 3"));
    expect(onSelect).toHaveBeenLastCalledWith("v3");
    await act(() => listbox.focus());
    await user.keyboard("{ArrowDown}");
    expect(activeVehicle(listbox)).toBe("v4");
  });

  it("says why it is empty instead of showing an empty listbox", () => {
    const { rerender } = renderWithApp(
      <VehicleList vehicles={[]} loading units="kmh" onSelect={() => {}} />,
    );
    expect(screen.getByRole("status").textContent).toBe("Loading vehicles…");
    expect(screen.queryByRole("listbox")).toBeNull();
    rerender(<VehicleList vehicles={[]} units="kmh" onSelect={() => {}} />);
    expect(screen.getByRole("status").textContent).toBe("No vehicle matches.");
  });
});
