// Runs first thing in <body>: tells GOV.UK Frontend's CSS that JavaScript is available.
// An external file, not an inline script, so the content security policy allows no inline script.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
