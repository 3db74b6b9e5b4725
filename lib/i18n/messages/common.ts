import type { Translation } from "../catalog";

/** Words every screen uses: vehicle states, the usual buttons, the language picker. */
const en = {
  appName: "Fleet Live",
  moving: "Moving",
  idle: "Idle",
  stopped: "Stopped",
  offline: "Offline",
  close: "Close",
  cancel: "Cancel",
  save: "Save",
  retry: "Try again",
  loading: "Loading…",
  language: "Language",
};

const es: Translation<typeof en> = {
  appName: "Fleet Live",
  moving: "En marcha",
  idle: "Al ralentí",
  stopped: "Detenido",
  offline: "Sin conexión",
  close: "Cerrar",
  cancel: "Cancelar",
  save: "Guardar",
  retry: "Reintentar",
  loading: "Cargando…",
  language: "Idioma",
};

const ar: Translation<typeof en> = {
  appName: "Fleet Live",
  moving: "متحركة",
  idle: "في وضع الخمول",
  stopped: "متوقفة",
  offline: "غير متصلة",
  close: "إغلاق",
  cancel: "إلغاء",
  save: "حفظ",
  retry: "إعادة المحاولة",
  loading: "جارٍ التحميل…",
  language: "اللغة",
};

export const common = { en, es, ar };
