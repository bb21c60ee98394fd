// /docs: starts Swagger UI (loaded before this script) on the app's schema,
// with the options FastAPI's own page uses except deep links: with them each
// operation's path is a link inside the button that opens the operation, a
// control nested in a control that keyboards and screen readers cannot use.
"use strict";
(function () {
  const container = document.getElementById("swagger-ui");
  window.ui = window.SwaggerUIBundle({
    url: container.dataset.openapiUrl,
    dom_id: "#swagger-ui",
    layout: "BaseLayout",
    deepLinking: false,
    showExtensions: true,
    showCommonExtensions: true,
    presets: [window.SwaggerUIBundle.presets.apis, window.SwaggerUIBundle.SwaggerUIStandalonePreset],
  });
})();
