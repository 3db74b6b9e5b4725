import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Field } from "./field";

function render(props: Omit<Parameters<typeof Field>[0], "children">) {
  const html = renderToStaticMarkup(
    <Field {...props}>{(control) => <input {...control} />}</Field>,
  );
  const attr = (tag: string, name: string) =>
    html.match(new RegExp(`<${tag}[^>]*\\s${name}="([^"]*)"`))?.[1];
  const textOf = (id: string) => html.match(new RegExp(`id="${id}"[^>]*>([^<]*)<`))?.[1];
  return { html, attr, textOf };
}

describe("Field", () => {
  it("names the control by its label", () => {
    const { attr } = render({ label: "Name" });
    const id = attr("input", "id");
    expect(id).toBeTruthy();
    expect(attr("label", "for")).toBe(id);
  });

  it("keeps an id it is given, for what refers to the control", () => {
    const { attr } = render({ label: "Email", id: "email" });
    expect(attr("input", "id")).toBe("email");
    expect(attr("label", "for")).toBe("email");
  });

  it("describes the control by its hint, then its error, and marks it invalid", () => {
    const { attr, textOf } = render({ label: "Name", hint: "Shown on the screen", error: "Taken" });
    const described = attr("input", "aria-describedby")?.split(" ") ?? [];
    expect(described.map(textOf)).toEqual(["Shown on the screen", "Taken"]);
    expect(attr("input", "aria-invalid")).toBe("true");
    expect(attr("p", "role")).toBe("alert");
  });

  it("describes nothing and is valid with neither hint nor error", () => {
    const { attr } = render({ label: "Name", error: undefined });
    expect(attr("input", "aria-describedby")).toBeUndefined();
    expect(attr("input", "aria-invalid")).toBeUndefined();
  });
});
