/**
 * `npx tsx scripts/make-icons.ts`: draws the app's PNG icons and favicon.ico from the two SVGs
 * in public/icons/ (the committed files are its output; run it again after changing an SVG).
 * Chromium draws them (the one installed for e2e, /usr/bin/chromium or CHROMIUM_PATH), so no
 * image library is needed; favicon.ico holds PNGs (16, 32 and 48 px), which every browser reads.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Page } from "@playwright/test";

const ICONS = join(process.cwd(), "public", "icons");

/** What the manifest, the page's links and the home screens ask for. */
const PNGS = [
  { svg: "icon.svg", size: 192, out: "icon-192.png" },
  { svg: "icon.svg", size: 512, out: "icon-512.png" },
  // Full bleed, the symbol inside the safe circle: a launcher crops it to its own shape.
  { svg: "icon-maskable.svg", size: 512, out: "icon-maskable-512.png" },
  // iOS rounds the corners itself and shows transparency as black.
  { svg: "icon-maskable.svg", size: 180, out: "apple-touch-icon.png" },
];
const FAVICON_SIZES = [16, 32, 48];

async function draw(page: Page, svgFile: string, size: number): Promise<Buffer> {
  const svg = readFileSync(join(ICONS, svgFile), "utf8").replace(
    "<svg ",
    `<svg width="${size}" height="${size}" `,
  );
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<body style="margin:0;background:transparent">${svg}</body>`);
  return page.locator("svg").screenshot({ omitBackground: true });
}

/** An .ico whose images are PNGs: a 6-byte header, one 16-byte entry per image, the images. */
function ico(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((image) => image.png)]);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const { svg, size, out } of PNGS) {
    writeFileSync(join(ICONS, out), await draw(page, svg, size));
    console.log(`[icons] public/icons/${out} (${size}×${size})`);
  }
  const favicon = [];
  for (const size of FAVICON_SIZES) favicon.push({ size, png: await draw(page, "icon.svg", size) });
  writeFileSync(join(process.cwd(), "public", "favicon.ico"), ico(favicon));
  console.log(`[icons] public/favicon.ico (${FAVICON_SIZES.join(", ")} px)`);
} finally {
  await browser.close();
}
