import type { Translation } from "../catalog";

/** The map: its name, clusters (names and tooltips) and trip tooltips. */
const en = {
  label: "Fleet map",
  loading: "Loading the map…",
  tilesUnavailable: "Map tiles unavailable: showing the built-in outline map",
  clusterVehicles: { one: "{n} vehicle", other: "{n} vehicles" },
  clusterMoving: { one: "{n} moving", other: "{n} moving" },
  clusterIdle: { one: "{n} idle", other: "{n} idle" },
  clusterStopped: { one: "{n} stopped", other: "{n} stopped" },
  clusterOffline: { one: "{n} offline", other: "{n} offline" },
  clusterCriticals: {
    one: "{n} vehicle with a critical alert",
    other: "{n} vehicles with a critical alert",
  },
  clusterWarnings: { one: "{n} vehicle with a warning", other: "{n} vehicles with a warning" },
  clusterLabel: "Cluster of {title}: {details}. Zoom in",
  clusterCursor: "{label}. Cluster {index} of {total}; arrow keys for the others",
  listSeparator: ", ",
  clauseSeparator: "; ",
  tripSummary: "{name} · on the road {duration} · {distance}",
};

const es: Translation<typeof en> = {
  label: "Mapa de la flota",
  loading: "Cargando el mapa…",
  tilesUnavailable: "Teselas del mapa no disponibles: se muestra el mapa de contornos integrado",
  clusterVehicles: { one: "{n} vehículo", other: "{n} vehículos" },
  clusterMoving: { one: "{n} en marcha", other: "{n} en marcha" },
  clusterIdle: { one: "{n} al ralentí", other: "{n} al ralentí" },
  clusterStopped: { one: "{n} detenido", other: "{n} detenidos" },
  clusterOffline: { one: "{n} sin conexión", other: "{n} sin conexión" },
  clusterCriticals: {
    one: "{n} vehículo con una alerta crítica",
    other: "{n} vehículos con una alerta crítica",
  },
  clusterWarnings: { one: "{n} vehículo con un aviso", other: "{n} vehículos con un aviso" },
  clusterLabel: "Grupo de {title}: {details}. Acercar",
  clusterCursor: "{label}. Grupo {index} de {total}; flechas para los demás",
  listSeparator: ", ",
  clauseSeparator: "; ",
  tripSummary: "{name} · en ruta desde hace {duration} · {distance}",
};

const ar: Translation<typeof en> = {
  label: "خريطة الأسطول",
  loading: "جارٍ تحميل الخريطة…",
  tilesUnavailable: "مربعات الخريطة غير متاحة: تُعرض الخريطة المبسطة المدمجة",
  clusterVehicles: {
    zero: "لا مركبات",
    one: "مركبة واحدة",
    two: "مركبتان",
    few: "{n} مركبات",
    many: "{n} مركبة",
    other: "{n} مركبة",
  },
  clusterMoving: { other: "متحركة: {n}" },
  clusterIdle: { other: "في وضع الخمول: {n}" },
  clusterStopped: { other: "متوقفة: {n}" },
  clusterOffline: { other: "غير متصلة: {n}" },
  clusterCriticals: {
    zero: "لا مركبات عليها تنبيه حرج",
    one: "مركبة واحدة عليها تنبيه حرج",
    two: "مركبتان عليهما تنبيه حرج",
    few: "{n} مركبات عليها تنبيه حرج",
    many: "{n} مركبة عليها تنبيه حرج",
    other: "{n} مركبة عليها تنبيه حرج",
  },
  clusterWarnings: {
    zero: "لا مركبات عليها تحذير",
    one: "مركبة واحدة عليها تحذير",
    two: "مركبتان عليهما تحذير",
    few: "{n} مركبات عليها تحذير",
    many: "{n} مركبة عليها تحذير",
    other: "{n} مركبة عليها تحذير",
  },
  clusterLabel: "مجموعة من {title}: {details}. للتكبير",
  clusterCursor: "{label}. المجموعة {index} من {total}؛ مفاتيح الأسهم للتنقل بين البقية",
  listSeparator: "، ",
  clauseSeparator: "؛ ",
  tripSummary: "{name} · على الطريق منذ {duration} · {distance}",
};

export const map = { en, es, ar };
