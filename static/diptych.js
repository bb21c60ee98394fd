// Diptych: enhancements only. Every page works without this file: links
// still jump, folds still open (via :target), the share URL is in an input.
(function () {
  "use strict";

  document.documentElement.classList.add("js");

  function announce(message) {
    var status = document.querySelector(".status");
    if (status) {
      status.textContent = message;
    }
  }

  function copyText(text, done) {
    if (!navigator.clipboard) {
      announce("Copying is not available here: select the link and copy it.");
      return;
    }
    navigator.clipboard.writeText(text).then(
      function () { announce(done); },
      function () { announce("Could not copy: select the link and copy it."); }
    );
  }

  function absoluteUrl(hash) {
    return location.origin + location.pathname + location.search + hash;
  }

  // Row links: follow the link as usual, and copy its absolute URL.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.row-link");
    if (link) {
      copyText(absoluteUrl(link.getAttribute("href")), "Link to row copied.");
    }
  });

  function enableShareButton() {
    var button = document.querySelector(".copy-share");
    if (!button) {
      return;
    }
    var input = document.getElementById(button.getAttribute("data-copy-from"));
    button.hidden = false;
    button.addEventListener("click", function () {
      copyText(input.value, "Share link copied.");
    });
  }

  // Folds: the "N unchanged sentences" link becomes a toggle button.
  function enableFolds() {
    document.querySelectorAll("a.fold-link").forEach(function (link) {
      var fold = document.getElementById(link.getAttribute("aria-controls"));
      var button = document.createElement("button");
      button.type = "button";
      button.className = "fold-button";
      button.textContent = link.textContent;
      button.setAttribute("aria-controls", fold.id);
      function show(open) {
        fold.classList.toggle("is-open", open);
        button.setAttribute("aria-expanded", String(open));
      }
      // Opened by a link to the fold or to a row inside it.
      show(fold.matches(":target") || fold.querySelector(":target") !== null);
      button.addEventListener("click", function () {
        show(!fold.classList.contains("is-open"));
      });
      link.replaceWith(button);
    });
  }

  // Change navigation: n/j next, p/k previous, and the toolbar buttons.
  function enableChangeNavigation() {
    var changes = Array.prototype.slice.call(document.querySelectorAll("tr[data-change]"));
    var controls = document.querySelector(".change-nav");
    var position = document.querySelector(".change-position");
    if (!controls || changes.length === 0) {
      return;
    }
    var current = -1;

    function go(step) {
      if (current >= 0) {
        changes[current].classList.remove("is-current");
      }
      current = Math.min(Math.max(current + step, 0), changes.length - 1);
      var row = changes[current];
      row.classList.add("is-current");
      row.scrollIntoView({ block: "center" });
      position.textContent = "Change " + (current + 1) + " of " + changes.length;
    }

    controls.hidden = false;
    controls.querySelectorAll("button[data-step]").forEach(function (button) {
      button.addEventListener("click", function () {
        go(Number(button.getAttribute("data-step")));
      });
    });
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
      if (typing || event.altKey || event.ctrlKey || event.metaKey) {
        return;
      }
      var step = { n: 1, j: 1, p: -1, k: -1 }[event.key];
      if (step) {
        event.preventDefault();
        go(step);
      }
    });
  }

  // The ignore options are links (so they work without this file) with the
  // role of checkboxes: Space switches them too, as it does a checkbox.
  document.addEventListener("keydown", function (event) {
    var toggle = event.target.closest && event.target.closest("a[role='checkbox']");
    if (toggle && event.key === " ") {
      event.preventDefault();
      toggle.click();
    }
  });

  enableShareButton();
  enableFolds();
  enableChangeNavigation();
})();
