// Declares the global defined by crisis_desk_standalone.js (a classic <script>).
import type CrisisDeskApi from "./crisis_desk.js";
declare global {
  var CrisisDesk: typeof CrisisDeskApi;
}
export {};
