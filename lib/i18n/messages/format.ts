import type { Translation } from "../catalog";

/** Units and relative times, as `components/fleet/format.ts` writes them. */
const en = {
  none: "—",
  kmh: "{n} km/h",
  mph: "{n} mph",
  km: "{n} km",
  mi: "{n} mi",
  m: "{n} m",
  ft: "{n} ft",
  seconds: "{n} s",
  minutes: "{n} min",
  hours: "{n} h",
  hoursMinutes: "{h} h {min} min",
  days: "{n} d",
  justNow: "just now",
  ago: "{age} ago",
  compass: "N NE E SE S SW W NW",
};

const es: Translation<typeof en> = {
  none: "—",
  kmh: "{n} km/h",
  mph: "{n} mph",
  km: "{n} km",
  mi: "{n} mi",
  m: "{n} m",
  ft: "{n} pies",
  seconds: "{n} s",
  minutes: "{n} min",
  hours: "{n} h",
  hoursMinutes: "{h} h {min} min",
  days: "{n} d",
  justNow: "ahora mismo",
  ago: "hace {age}",
  compass: "N NE E SE S SO O NO",
};

const ar: Translation<typeof en> = {
  none: "—",
  kmh: "{n} كم/س",
  mph: "{n} ميل/س",
  km: "{n} كم",
  mi: "{n} ميل",
  m: "{n} م",
  ft: "{n} قدم",
  seconds: "{n} ث",
  minutes: "{n} د",
  hours: "{n} س",
  hoursMinutes: "{h} س {min} د",
  days: "{n} ي",
  justNow: "الآن",
  ago: "منذ {age}",
  compass: "ش ش.ق ق ج.ق ج ج.غ غ ش.غ",
};

export const format = { en, es, ar };
