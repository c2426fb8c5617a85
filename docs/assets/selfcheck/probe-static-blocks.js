// A syntax probe (worker.js): a kernel that cannot parse class static blocks (ES2022) fails
// to import this file, and the engine runs on Pyodide 0.24 instead of 314.
export class Probe {
  static {
    Probe.ok = true;
  }
}
