// Start the GOV.UK and MoJ Frontend components on every page.
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();
import "./countdown.mjs";
import "./session-timeout.mjs";
