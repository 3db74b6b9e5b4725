// The process launcher lives with the scripts (the demo uses it too); tests import it from here.
export { spawnSimulator, type SpawnedSimulator } from "../../scripts/lib/simulator-process";
