import type { Translation } from "../catalog";

/** Whole-page states (not found, an error), a panel that failed, and the server's health. */
const en = {
  notFoundTitle: "Page not found",
  notFoundDocTitle: "Page not found · Fleet Live",
  notFoundText: "There is no page at this address. Check the link, or start again from the map.",
  goToMap: "Go to the map",
  errorKicker: "error",
  errorTitle: "Something went wrong",
  errorDocTitle: "Something went wrong · Fleet Live",
  errorText: "This page hit an error and could not be shown. Nothing you saved is lost.",
  reloadMap: "Reload the map",
  panelErrorTitle: "The {name} could not be shown.",
  panelErrorText: "It hit an error; the map and the other panels keep working.",
  healthLabel: "Server health",
  healthStatus: "Server status",
  modeSimulator: "Simulator",
  modeFleetup: "FleetUp",
  healthOk: "ok",
  healthDegraded: "degraded",
  healthUnreachable: "unreachable",
  healthChecking: "checking",
};

const es: Translation<typeof en> = {
  notFoundTitle: "Página no encontrada",
  notFoundDocTitle: "Página no encontrada · Fleet Live",
  notFoundText:
    "No hay ninguna página en esta dirección. Compruebe el enlace o vuelva a empezar desde el mapa.",
  goToMap: "Ir al mapa",
  errorKicker: "error",
  errorTitle: "Algo salió mal",
  errorDocTitle: "Algo salió mal · Fleet Live",
  errorText:
    "Esta página tuvo un error y no se pudo mostrar. No se ha perdido nada de lo guardado.",
  reloadMap: "Recargar el mapa",
  panelErrorTitle: "No se pudo mostrar: {name}.",
  panelErrorText: "Se produjo un error; el mapa y los demás paneles siguen funcionando.",
  healthLabel: "Estado del servidor",
  healthStatus: "Estado del servidor",
  modeSimulator: "Simulador",
  modeFleetup: "FleetUp",
  healthOk: "correcto",
  healthDegraded: "degradado",
  healthUnreachable: "inaccesible",
  healthChecking: "comprobando",
};

const ar: Translation<typeof en> = {
  notFoundTitle: "الصفحة غير موجودة",
  notFoundDocTitle: "الصفحة غير موجودة · Fleet Live",
  notFoundText: "لا توجد صفحة على هذا العنوان. تحقّق من الرابط، أو ابدأ من جديد من الخريطة.",
  goToMap: "الانتقال إلى الخريطة",
  errorKicker: "خطأ",
  errorTitle: "حدث خطأ ما",
  errorDocTitle: "حدث خطأ ما · Fleet Live",
  errorText: "واجهت هذه الصفحة خطأً وتعذّر عرضها. لم يُفقد أي شيء حفظته.",
  reloadMap: "إعادة تحميل الخريطة",
  panelErrorTitle: "تعذّر عرض: {name}.",
  panelErrorText: "حدث خطأ؛ تواصل الخريطة واللوحات الأخرى العمل.",
  healthLabel: "صحة الخادم",
  healthStatus: "حالة الخادم",
  modeSimulator: "المحاكي",
  modeFleetup: "FleetUp",
  healthOk: "سليم",
  healthDegraded: "متراجع",
  healthUnreachable: "يتعذّر الوصول إليه",
  healthChecking: "جارٍ الفحص",
};

export const pages = { en, es, ar };
