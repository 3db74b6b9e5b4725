import type { Translation } from "../catalog";

/** The dashboard's frame: header, the panels' tabs, the phone's sheet and the tablet's panel. */
const en = {
  replay: "Replay",
  speedUnits: "Speed units",
  kmh: "km/h",
  mph: "mph",
  darkTheme: "Dark theme",
  menu: "Menu",
  vehiclesRegion: "Vehicles",
  panelsRegion: "Details, alerts and trips",
  tabsLabel: "Show",
  vehicles: "Vehicles",
  alerts: "Alerts",
  trips: "Trips",
  fences: "Fences",
  unread: "{n} new",
  showPanel: "Show panel",
  hidePanel: "Hide panel",
  expandSheet: "Expand panel",
  collapseSheet: "Collapse panel",
};

const es: Translation<typeof en> = {
  replay: "Reproducir",
  speedUnits: "Unidades de velocidad",
  kmh: "km/h",
  mph: "mph",
  darkTheme: "Tema oscuro",
  menu: "Menú",
  vehiclesRegion: "Vehículos",
  panelsRegion: "Detalles, alertas y viajes",
  tabsLabel: "Mostrar",
  vehicles: "Vehículos",
  alerts: "Alertas",
  trips: "Viajes",
  fences: "Geocercas",
  unread: "{n} nuevas",
  showPanel: "Mostrar panel",
  hidePanel: "Ocultar panel",
  expandSheet: "Ampliar panel",
  collapseSheet: "Contraer panel",
};

const ar: Translation<typeof en> = {
  replay: "إعادة التشغيل",
  speedUnits: "وحدات السرعة",
  kmh: "كم/س",
  mph: "ميل/س",
  darkTheme: "المظهر الداكن",
  menu: "القائمة",
  vehiclesRegion: "المركبات",
  panelsRegion: "التفاصيل والتنبيهات والرحلات",
  tabsLabel: "عرض",
  vehicles: "المركبات",
  alerts: "التنبيهات",
  trips: "الرحلات",
  fences: "الأسوار الجغرافية",
  unread: "{n} جديدة",
  showPanel: "إظهار اللوحة",
  hidePanel: "إخفاء اللوحة",
  expandSheet: "توسيع اللوحة",
  collapseSheet: "طي اللوحة",
};

export const shell = { en, es, ar };
