// Diptych: enhancements only. Every page works without this file: links
// still jump, folds still open (via :target), the share URL is in an input.
(function () {
  "use strict";

  document.documentElement.classList.add("js");

  var announced = null;

  // A message in the status line (read out by screen readers). One that only
  // confirms (`brief`) is cleared after a while; a refusal stays until the next.
  function announce(message, brief) {
    var status = document.querySelector(".status");
    if (!status) {
      return;
    }
    status.textContent = message;
    clearTimeout(announced);
    if (brief) {
      announced = setTimeout(function () {
        if (status.textContent === message) {
          status.textContent = "";
        }
      }, 6000);
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

  // Folds: the "Show N unchanged sentences" link becomes a toggle button,
  // "Hide N unchanged sentences" once open. A closed fold's text is
  // hidden="until-found": the browser's find opens the fold where it matches.
  function enableFolds() {
    document.querySelectorAll("a.fold-link").forEach(function (link) {
      var fold = document.getElementById(link.getAttribute("aria-controls"));
      var count = link.textContent.replace(/^Show /, "");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "fold-button";
      button.setAttribute("aria-controls", fold.id);
      function show(open) {
        fold.classList.toggle("is-open", open);
        fold.querySelectorAll(".folded").forEach(function (text) {
          if (open) {
            text.removeAttribute("hidden");
          } else {
            text.setAttribute("hidden", "until-found");
          }
        });
        button.setAttribute("aria-expanded", String(open));
        button.textContent = (open ? "Hide " : "Show ") + count;
      }
      // Opened by a link to the fold or to a row inside it.
      function showTarget() {
        var id = decodeURIComponent(location.hash.slice(1));
        var target = id ? document.getElementById(id) : null;
        if (target && fold.contains(target)) {
          show(true);
        }
      }
      show(false);
      showTarget();
      window.addEventListener("hashchange", showTarget);
      button.addEventListener("click", function () {
        show(!fold.classList.contains("is-open"));
      });
      fold.addEventListener("beforematch", function () {
        show(true);
      });
      link.replaceWith(button);
    });
  }

  // Change navigation: n/j next, p/k previous, and the toolbar buttons. The
  // rows are looked up at each step: the review swaps rows in as colleagues
  // mark and comment, and "Unchecked only" narrows the steps to the rows with
  // an unchecked change. A sentence that only moved is a step when the reader
  // asks for moves. Steps go from where the reader is: the current row while
  // it is in view (a row linked to is current), else the first row in view.
  var navigation = { currentId: null, refresh: function () {} };

  function enableChangeNavigation() {
    var controls = document.querySelector(".change-nav");
    var position = document.querySelector(".change-position");
    var uncheckedOnly = document.querySelector("[data-unchecked-only]");
    var movesToo = document.querySelector("[data-moves-too]");
    var list = document.querySelector(".change-list");
    if (!controls || document.querySelector("tr[data-change], tr[data-moved]") === null) {
      return;
    }
    var firstCount = document.querySelectorAll("tr[data-change]").length;

    function steps() {
      var only = uncheckedOnly && uncheckedOnly.checked ? "[data-unchecked]" : "";
      var selector = "tr[data-change]" + only;
      if (movesToo && movesToo.checked) {
        selector += ", tr[data-moved]" + only;
      }
      return Array.prototype.slice.call(document.querySelectorAll(selector));
    }

    function currentRow() {
      return navigation.currentId ? document.getElementById(navigation.currentId) : null;
    }

    function describe(rows, index) {
      var unchecked = uncheckedOnly && uncheckedOnly.checked;
      if (rows.length === 0) {
        return unchecked ? "No unchecked changes" : "No changed rows";
      }
      var many = rows.length === 1 ? "" : "s";
      if (index < 0) {
        if (unchecked) {
          return rows.length + " unchecked change" + many;
        }
        return rows.length === firstCount ? position.getAttribute("data-tally") : rows.length + " changed row" + many;
      }
      return (unchecked ? "Unchecked change " : "Changed row ") + (index + 1) + " of " + rows.length;
    }

    // Where the rows stop being covered by the sticky toolbar and header.
    function coveredTop() {
      var head = document.querySelector("table.diff thead");
      return head ? Math.max(0, head.getBoundingClientRect().bottom) : 0;
    }

    function inView(row) {
      var box = row.getBoundingClientRect();
      return box.height > 0 && box.bottom > coveredTop() && box.top < innerHeight;
    }

    // The first row in view: rows stand in page order, so a binary search.
    function firstRowInView() {
      var rows = document.querySelectorAll("table.diff tr.row");
      var top = coveredTop() + 1;
      var low = 0;
      var high = rows.length;
      while (low < high) {
        var middle = (low + high) >> 1;
        if (rows[middle].getBoundingClientRect().bottom > top) {
          high = middle;
        } else {
          low = middle + 1;
        }
      }
      return rows[low] || null;
    }

    // The index of the step `step` away from where the reader is; -1 or
    // rows.length when there is none that way.
    function target(rows, step) {
      var current = currentRow();
      var seen = current !== null && inView(current);
      var place = seen ? current : firstRowInView();
      if (!place) {
        return step > 0 ? 0 : rows.length - 1;
      }
      var index = rows.indexOf(place);
      if (index >= 0) {
        return seen || step < 0 ? index + step : index;
      }
      for (var i = 0; i < rows.length; i += 1) {
        if (place.compareDocumentPosition(rows[i]) & Node.DOCUMENT_POSITION_FOLLOWING) {
          return step > 0 ? i : i - 1;
        }
      }
      return step > 0 ? rows.length : rows.length - 1;
    }

    function markInList(row) {
      if (!list) {
        return;
      }
      var old = list.querySelector("a[aria-current]");
      if (old) {
        old.removeAttribute("aria-current");
      }
      var link = row ? list.querySelector("a[href='#" + CSS.escape(row.id) + "']") : null;
      if (link) {
        link.setAttribute("aria-current", "location");
        if (link.closest("details").open) {
          link.scrollIntoView({ block: "nearest" });
        }
      }
    }

    function makeCurrent(row) {
      var previous = currentRow();
      if (previous) {
        previous.classList.remove("is-current");
      }
      navigation.currentId = row ? row.id : null;
      if (row) {
        row.classList.add("is-current");
      }
      markInList(row);
    }

    function go(step, byKey) {
      var rows = steps();
      if (rows.length === 0) {
        position.textContent = describe(rows, -1);
        return;
      }
      var index = target(rows, step);
      if (index < 0 || index >= rows.length) {
        var edge = rows[index < 0 ? 0 : rows.length - 1];
        var row = edge.id.replace(/^r/, "").replace(/-origin$/, "");
        announce(index < 0 ? "No change before this one: row " + row + " is the first." : "No more changes: row " + row + " is the last.", true);
        return;
      }
      makeCurrent(rows[index]);
      // A row taller than the screen shows from its top, under the toolbar.
      var tall = rows[index].getBoundingClientRect().height > innerHeight - coveredTop();
      rows[index].scrollIntoView({ block: tall ? "start" : "center" });
      position.textContent = describe(rows, index);
      if (byKey) {
        rows[index].setAttribute("tabindex", "-1");
        rows[index].focus({ preventScroll: true });
      }
    }

    // After rows were swapped: the marker back on the current row, the count again.
    navigation.refresh = function () {
      var rows = steps();
      var row = currentRow();
      if (row) {
        row.classList.add("is-current");
      }
      position.textContent = describe(rows, row ? rows.indexOf(row) : -1);
    };

    // A row linked to (a row's link, the change list, a colleague's #r40) is
    // where the reader is.
    function followHash() {
      var linked = location.hash.length > 1 ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
      if (linked && linked.matches("tr.row")) {
        makeCurrent(linked);
        navigation.refresh();
      }
    }

    controls.hidden = false;
    navigation.refresh();
    followHash();
    window.addEventListener("hashchange", followHash);
    controls.querySelectorAll("button[data-step]").forEach(function (button) {
      button.addEventListener("click", function () {
        go(Number(button.getAttribute("data-step")), false);
      });
    });
    [uncheckedOnly, movesToo].forEach(function (box) {
      if (box) {
        box.closest("label").hidden = false;
        box.addEventListener("change", function () {
          navigation.refresh();
        });
      }
    });
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      if (isTyping(target) || event.altKey || event.ctrlKey || event.metaKey) {
        return;
      }
      var step = { n: 1, j: 1, p: -1, k: -1 }[event.key];
      if (step) {
        event.preventDefault();
        go(step, true);
      }
    });
  }

  // The change list: on a phone its sheet closes once a change is chosen.
  function enableChangeList() {
    var menu = document.querySelector(".change-menu");
    if (!menu) {
      return;
    }
    menu.addEventListener("click", function (event) {
      if (event.target.closest("a") && window.matchMedia("(max-width: 40rem)").matches) {
        menu.open = false;
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
  }

  // The sticky toolbar wraps to as many lines as it needs: the table's
  // header row sticks under the part of it that stays in view.
  function fitToolbar() {
    var bar = document.querySelector(".toolbar");
    if (!bar || !window.ResizeObserver) {
      return;
    }
    var root = document.documentElement.style;
    function measure() {
      root.removeProperty("--toolbar-height");
      var style = getComputedStyle(bar);
      var lead = -parseFloat(style.top) || 0;
      var top = bar.getBoundingClientRect().top;
      var bottom = 0;
      bar.querySelectorAll(".change-nav, .change-list, .view-switch").forEach(function (part) {
        if (part.offsetParent !== null) {
          bottom = Math.max(bottom, part.getBoundingClientRect().bottom - top);
        }
      });
      var height = lead > 0 ? bottom - lead + parseFloat(style.paddingBottom) + 1 : bar.offsetHeight;
      root.setProperty("--toolbar-height", Math.ceil(height) + "px");
    }
    new ResizeObserver(measure).observe(bar);
  }

  // "Copy left text", "Copy right text": the side's whole text, exactly as
  // stored (from the page's JSON twin), not what the table shows of it.
  function enableCopySides() {
    document.querySelectorAll("button[data-copy-side]").forEach(function (button) {
      var side = button.getAttribute("data-copy-side");
      button.hidden = false;
      button.addEventListener("click", function () {
        var text = fetch(button.getAttribute("data-source"), { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (response) {
            if (!response.ok) {
              throw new Error("status " + response.status);
            }
            return response.json();
          })
          .then(function (comparison) {
            return comparison[side].text;
          });
        var done = "The " + side + " text is copied.";
        var failed = function () { announce("Could not copy the " + side + " text."); };
        if (window.ClipboardItem && navigator.clipboard && navigator.clipboard.write) {
          var blob = text.then(function (value) { return new Blob([value], { type: "text/plain" }); });
          navigator.clipboard.write([new ClipboardItem({ "text/plain": blob })]).then(function () { announce(done, true); }, failed);
        } else {
          text.then(function (value) { copyText(value, done); }, failed);
        }
      });
    });
  }

  // A selection started in one column stays in it: the other column is
  // made unselectable while the mouse is down (see the stylesheet).
  function enableColumnSelection() {
    var table = document.querySelector("table.diff--side");
    if (!table) {
      return;
    }
    table.addEventListener("mousedown", function (event) {
      var cell = event.target.closest && event.target.closest(".cell--left, .cell--right");
      if (cell) {
        table.setAttribute("data-selecting", cell.classList.contains("cell--left") ? "left" : "right");
      } else {
        table.removeAttribute("data-selecting");
      }
    });
  }

  // After an ignore switch (a link: the page comes back with the option
  // switched) the focus returns to the switch.
  function enableIgnoreRefocus() {
    var key = "diptych-refocus";
    try {
      var option = sessionStorage.getItem(key);
      sessionStorage.removeItem(key);
      var toggle = option && document.querySelector("a.ignore-toggle[data-option='" + CSS.escape(option) + "']");
      if (toggle) {
        toggle.focus();
      }
      document.addEventListener("click", function (event) {
        var clicked = event.target.closest && event.target.closest("a.ignore-toggle");
        if (clicked) {
          sessionStorage.setItem(key, clicked.getAttribute("data-option"));
        }
      });
    } catch (error) {
      // No session storage (a private mode): the focus starts at the top.
    }
  }

  // Keys typed into a field are the field's; a checkbox or a button takes none.
  function isTyping(target) {
    if (target.isContentEditable || /^(TEXTAREA|SELECT)$/.test(target.tagName)) {
      return true;
    }
    return target.tagName === "INPUT" && !/^(checkbox|radio|button|submit|reset)$/.test(target.type);
  }

  // Review: a comment form opened in its row, every review form sent in the
  // background (the rows it changed swapped in, no reload), and colleagues'
  // comments and marks brought in as they come. Without this file each form
  // is a plain post that comes back to its row.

  var REVIEW_AREAS = ".cell--review, #review, .owner";
  // Parts of the page read back after a change, besides the rows.
  var REVIEW_PARTS = ["#review", ".owner", ".summary-meta"];
  var review = { busy: 0, pending: false, served: {} };

  function reviewTable() {
    return document.querySelector("table.diff--review");
  }

  // The markup each swappable part had when the server last sent it: a part
  // is swapped only when the server's markup changed, not when this script
  // changed the part (the current row, a form opened in it).
  function recordServed(root) {
    var table = root.querySelector("table.diff--review");
    if (table) {
      table.querySelectorAll("tr.row[id]").forEach(function (row) {
        review.served["#" + row.id] = row.outerHTML;
      });
    }
    REVIEW_PARTS.forEach(function (selector) {
      var part = root.querySelector(selector);
      if (part) {
        review.served[selector] = part.outerHTML;
      }
    });
  }

  // This page to read back: as it is viewed, without the comment and reply
  // links' queries (they open a form without JavaScript) or the fragment.
  function pageUrl() {
    var url = new URL(location.href);
    url.searchParams.delete("comment");
    url.searchParams.delete("reply");
    url.hash = "";
    return url.toString();
  }

  function loadPage() {
    return fetch(pageUrl(), { credentials: "same-origin", headers: { Accept: "text/html" } }).then(
      function (response) {
        return response.text().then(function (html) {
          if (!response.ok) {
            throw new Error(errorMessage(html, response.status));
          }
          return new DOMParser().parseFromString(html, "text/html");
        });
      }
    );
  }

  // The message of one of the app's error pages, else the status.
  function errorMessage(html, status) {
    var notice = new DOMParser().parseFromString(html, "text/html").querySelector(".notice-message");
    var text = notice ? notice.textContent.trim() : "";
    return text || "The server answered " + status + ": nothing was changed.";
  }

  // Work the reader has in hand in this part of the page: a field they are
  // typing in, text typed and not sent, a comment form they opened. (Focus on
  // a button or a link is no work in hand: the part is swapped and the focus
  // moved to the same control in it.)
  function holdsWork(element) {
    var active = document.activeElement;
    if (active && element.contains(active) && isTyping(active)) {
      return true;
    }
    if (element.querySelector("form[data-opened]")) {
      return true;
    }
    return Array.prototype.some.call(element.querySelectorAll("textarea, input[name='name']"), function (field) {
      return field.value.trim() !== "" && field.value !== field.defaultValue;
    });
  }

  function counterpart(root, element) {
    return element.id ? root.querySelector("#" + CSS.escape(element.id)) : null;
  }

  // What a form is about: where it posts, and for which thread or row.
  function formKey(form) {
    var thread = form.querySelector("input[name='thread']");
    var row = form.querySelector("input[name='row']");
    return [form.getAttribute("action"), thread ? thread.value : "", row ? row.value : ""].join(" ");
  }

  // The control in `fresh` (a part about to replace the one holding
  // `element`) that is the same as `element`, if there is one.
  function sameControl(element, fresh) {
    if (element.id) {
      return counterpart(fresh, element);
    }
    var form = element.closest("form");
    if (element.tagName === "BUTTON" && form) {
      var key = formKey(form);
      var forms = Array.prototype.filter.call(fresh.querySelectorAll("form"), function (other) {
        return formKey(other) === key;
      });
      var selector = element.name
        ? "button[name='" + CSS.escape(element.name) + "'][value='" + CSS.escape(element.value) + "']"
        : "button";
      return forms.length ? forms[0].querySelector(selector) : null;
    }
    if (element.tagName === "A" && element.getAttribute("href")) {
      return fresh.querySelector("a[href='" + CSS.escape(element.getAttribute("href")) + "']");
    }
    if (element.tagName === "SUMMARY") {
      var inside = element.parentNode.querySelector("[id]");
      var match = inside && counterpart(fresh, inside);
      var holder = match && match.closest("details");
      return holder ? holder.querySelector("summary") : null;
    }
    return null;
  }

  // Into the row that replaces `old`: the folds the reader opened, and (in
  // the row of a form just sent, the one row swapped while work is in hand)
  // the text typed in its other fields and a form opened and not sent.
  function carryState(old, fresh, sent) {
    old.querySelectorAll("details[open]").forEach(function (details) {
      var inside = details.querySelector("[id]");
      var match = inside && counterpart(fresh, inside);
      var holder = match && match.closest("details");
      if (holder && holder.className === details.className) {
        holder.open = true;
      }
    });
    old.querySelectorAll("textarea, input[name='name']").forEach(function (field) {
      if ((sent && sent.contains(field)) || field.value === field.defaultValue) {
        return;
      }
      var match = counterpart(fresh, field);
      if (match) {
        match.value = field.value;
        var holder = match.closest("details");
        if (holder) {
          holder.open = true;
        }
      }
    });
    old.querySelectorAll("form[data-opened]").forEach(function (form) {
      var link = fresh.querySelector(form.getAttribute("data-opened"));
      if (form !== sent && link) {
        link.hidden = true;
        link.before(form);
      }
    });
  }

  // Where the focus goes when `old`, holding it, is replaced by `fresh`: the
  // same control, else the part itself (so the reader keeps their place).
  function focusAfterSwap(old, fresh) {
    var active = document.activeElement;
    if (!active || !old.contains(active)) {
      return null;
    }
    var target = sameControl(active, fresh);
    if (target) {
      return target;
    }
    var cell = fresh.querySelector(".cell--review") || fresh;
    return focusable(cell);
  }

  // Swap in the parts of `doc` (the page as the server now sends it) that
  // changed, except where the reader is at work (those wait for the next
  // look: review.pending). The number of parts swapped.
  function applyPage(doc, sent) {
    var swapped = 0;
    var skipped = false;
    var table = reviewTable();
    var fresh = doc.querySelector("table.diff--review");
    var sentRow = sent ? sent.closest("tr") : null;
    // A page read before one already shown (a look that crossed a post):
    // older than what is on screen, it is dropped.
    if (table && fresh && Number(fresh.getAttribute("data-revision")) < Number(table.getAttribute("data-revision"))) {
      return 0;
    }
    if (table && fresh) {
      fresh.querySelectorAll("tr.row[id]").forEach(function (row) {
        var key = "#" + row.id;
        var html = row.outerHTML;
        var old = document.getElementById(row.id);
        if (!old || review.served[key] === html) {
          return;
        }
        if (old !== sentRow && holdsWork(old)) {
          skipped = true;
          return;
        }
        var adopted = document.adoptNode(row);
        carryState(old, adopted, sent);
        var refocus = old !== sentRow ? focusAfterSwap(old, adopted) : null;
        old.replaceWith(adopted);
        if (refocus) {
          refocus.focus({ preventScroll: true });
        }
        review.served[key] = html;
        swapped += 1;
      });
      table.setAttribute("data-revision", fresh.getAttribute("data-revision"));
    }
    REVIEW_PARTS.forEach(function (selector) {
      var part = doc.querySelector(selector);
      var old = document.querySelector(selector);
      if (!part || !old || review.served[selector] === part.outerHTML) {
        return;
      }
      if (holdsWork(old) && !(sent && old.contains(sent))) {
        skipped = true;
        return;
      }
      review.served[selector] = part.outerHTML;
      var adopted = document.adoptNode(part);
      // The list of open threads stays open or closed as the reader left it.
      var list = old.querySelector("details.open-threads");
      var freshList = adopted.querySelector("details.open-threads");
      if (list && freshList) {
        freshList.open = list.open;
      }
      var refocus = sent && old.contains(sent) ? null : focusAfterSwap(old, adopted);
      old.replaceWith(adopted);
      if (refocus) {
        refocus.focus({ preventScroll: true });
      }
      swapped += 1;
    });
    var template = document.getElementById("comment-form-template");
    var freshTemplate = doc.getElementById("comment-form-template");
    if (template && freshTemplate && template.innerHTML !== freshTemplate.innerHTML) {
      template.replaceWith(document.adoptNode(freshTemplate));
    }
    review.pending = skipped;
    navigation.refresh();
    return swapped;
  }

  function commentIds() {
    var ids = {};
    document.querySelectorAll("article.comment[id]").forEach(function (comment) {
      ids[comment.id] = true;
    });
    return ids;
  }

  function focusable(element) {
    if (element && !element.matches("a, button, input, select, textarea, summary")) {
      element.setAttribute("tabindex", "-1");
    }
    return element;
  }

  // Where the focus goes once the page is read back, if the element that had
  // it was swapped away: the same control if it is still there, else the
  // nearest thing the form was about.
  function focusPlan(form, submitter) {
    var row = form.closest("tr");
    var rowId = row ? row.id : null;
    var action = form.getAttribute("action") || "";
    var acting = /\/comments\/([^/]+)\/(resolve|reopen|edit|delete)$/.exec(action);
    var ownerForm = form.closest(".owner") !== null;
    var wasNameForm = form.classList.contains("name-form");
    return function () {
      var cell = rowId ? document.getElementById(rowId + "-review") : null;
      if (submitter && submitter.name === "mark" && cell) {
        var button = cell.querySelector("button[name='mark'][value='" + CSS.escape(submitter.value) + "']");
        if (button) {
          return button;
        }
      }
      if (acting) {
        var comment = document.getElementById("comment-" + acting[1]);
        var thread = comment && comment.closest(".thread");
        if (thread && /resolve|reopen/.test(acting[2])) {
          var folded = thread.querySelector(".thread-folded:not([open]) > summary");
          return folded || thread.querySelector(".resolve-form button");
        }
        if (comment) {
          return focusable(comment);
        }
        if (cell) {
          return cell.querySelector("a.comment-open") || focusable(cell);
        }
      }
      if (ownerForm) {
        return document.querySelector(".owner-form button[type='submit']");
      }
      if (wasNameForm) {
        return focusable(document.getElementById("review-heading"));
      }
      return cell ? cell.querySelector("a.comment-open") || focusable(cell) : null;
    };
  }

  function doneMessage(form, submitter) {
    var action = form.getAttribute("action") || "";
    if (form.classList.contains("mark-form") && submitter) {
      var state = submitter.value.split(":")[1];
      return "Marked " + ({ accepted: "accepted", queried: "queried", correct: "must be corrected" }[state] || state) + ".";
    }
    if (form.classList.contains("comment-form")) {
      return form.querySelector("input[name='thread']") ? "Reply added." : "Comment added.";
    }
    var verb = (/\/(resolve|reopen|edit|delete)$/.exec(action) || [])[1];
    if (verb) {
      return { resolve: "Thread resolved.", reopen: "Thread reopened.", edit: "Comment saved.", delete: "Comment deleted." }[verb];
    }
    return form.classList.contains("name-form") ? "Name saved." : "Saved.";
  }

  function formData(form, submitter) {
    try {
      return new FormData(form, submitter || null);
    } catch (error) {
      // Browsers without the submitter argument: add the button's name and value.
      var data = new FormData(form);
      if (submitter && submitter.name) {
        data.append(submitter.name, submitter.value);
      }
      return data;
    }
  }

  // Post a review form as the browser would (same fields, same encoding,
  // same cookies), then read this page back and swap in what changed. The
  // comparison's delete form goes where the server sends it (the library).
  function send(form, submitter) {
    if (form.getAttribute("aria-busy") === "true") {
      return;
    }
    var leaving = form.classList.contains("delete-form");
    var data = new URLSearchParams(formData(form, submitter));
    var settleFocus = focusPlan(form, submitter);
    var message = doneMessage(form, submitter);
    var before = commentIds();
    form.setAttribute("aria-busy", "true");
    review.busy += 1;
    announce("Sending…");
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      // A 303 back to the page: read as an opaque redirect, then this page
      // (in its view, with its filters) is fetched once.
      redirect: leaving ? "follow" : "manual",
      headers: { Accept: "text/html" }
    })
      .then(function (response) {
        if (leaving && response.ok) {
          location.assign(response.url);
          return null;
        }
        if (response.type !== "opaqueredirect" && !response.ok) {
          return response.text().then(function (html) {
            announce(errorMessage(html, response.status));
            // Marks need a name first: the field to type it in, above the table.
            var name = document.getElementById("review-name");
            if (form.classList.contains("mark-form") && response.status === 422 && name) {
              name.focus();
            }
          });
        }
        return loadPage().then(function (doc) {
          applyPage(doc, form);
          var active = document.activeElement;
          var added = Array.prototype.filter.call(document.querySelectorAll("article.comment[id]"), function (comment) {
            return !before[comment.id];
          });
          var target = added.length ? focusable(added[0]) : null;
          if (target) {
            target.classList.add("is-new");
            setTimeout(function () {
              target.classList.remove("is-new");
            }, 4000);
          } else if (!active || active === document.body || !document.contains(active)) {
            target = settleFocus();
          }
          if (target) {
            target.focus({ preventScroll: false });
          }
          announce(message, true);
        });
      })
      .catch(function (error) {
        announce(error && error.message && !/fetch/i.test(error.message) ? error.message : "Could not reach the server: try again.");
      })
      .then(function () {
        form.removeAttribute("aria-busy");
        review.busy -= 1;
      });
  }

  function enableReviewForms() {
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (!form.matches("form[method='post']") || !form.closest(REVIEW_AREAS)) {
        return;
      }
      var question = form.getAttribute("data-confirm");
      if (question && !window.confirm(question)) {
        event.preventDefault();
        return;
      }
      event.preventDefault();
      send(form, event.submitter);
    });
    // Ctrl+Enter (Cmd+Enter) in a comment sends it.
    document.addEventListener("keydown", function (event) {
      var field = event.target;
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && field.tagName === "TEXTAREA" && field.form && field.form.closest(REVIEW_AREAS)) {
        event.preventDefault();
        field.form.requestSubmit();
      }
    });
  }

  // The links that open a form in place: "Comment" on a row, "Reply" in a
  // thread. Without this file each opens the page with the form in place.
  var OPENERS = [
    { link: "a.comment-open[data-row]", data: "data-row", template: "comment-form-template", field: "row" },
    { link: "a.reply-open[data-thread]", data: "data-thread", template: "reply-form-template", field: "thread" }
  ];

  // The row's changes as a choice of what a comment is on (the template's
  // form has none: it is the form of no row in particular).
  function changeChoice(form, cell, row) {
    var changes = Array.prototype.filter.call(cell.querySelectorAll(".mark-form li"), function (item) {
      var button = item.querySelector("button[name='mark']");
      return button && /^\d+:/.test(button.value);
    });
    if (!changes.length || form.querySelector("select[name='change']")) {
      return;
    }
    var label = document.createElement("label");
    var select = document.createElement("select");
    select.name = "change";
    select.id = "new-change-" + row;
    label.htmlFor = select.id;
    label.textContent = "On";
    select.add(new Option("the whole row", ""));
    changes.forEach(function (item) {
      var before = item.querySelector("s, del");
      var after = item.querySelector("u, ins");
      var kind = item.querySelector("i, .item-kind");
      var text = (kind ? kind.textContent + ": " : "") + (before ? before.textContent : "…") + " → " + (after ? after.textContent : "…");
      select.add(new Option(text, item.querySelector("button[name='mark']").value.split(":")[0]));
    });
    form.querySelector("input[name='row']").after(label, select);
  }

  // The selector of one opening link (kept on the form it opened, to find
  // the link again): "a.reply-open[data-thread='…']".
  function linkSelector(link, opener) {
    var tag = opener.link.slice(0, opener.link.indexOf("["));
    return tag + "[" + opener.data + "='" + CSS.escape(link.getAttribute(opener.data)) + "']";
  }

  // A template's form made the form of one row or thread: its hidden field
  // set, its own ids, and a Cancel button that puts the link back.
  function formFor(link, opener) {
    var template = document.getElementById(opener.template);
    var original = template && template.content && template.content.querySelector("form");
    var cell = link.closest(".cell--review");
    if (!original || !cell) {
      return null;
    }
    var key = link.getAttribute(opener.data);
    var form = original.cloneNode(true);
    form.setAttribute("data-opened", linkSelector(link, opener));
    form.querySelector("input[name='" + opener.field + "']").value = key;
    form.querySelectorAll("[id]").forEach(function (element) {
      var id = "new-" + element.id.replace(/-0$|-$/, "") + "-" + key;
      form.querySelectorAll("label[for='" + CSS.escape(element.id) + "']").forEach(function (label) {
        label.htmlFor = id;
      });
      element.id = id;
    });
    if (opener.field === "row") {
      form.querySelectorAll("label.sr-only").forEach(function (label) {
        label.textContent = "Comment on row " + key;
      });
      changeChoice(form, cell, key);
    }
    var submit = form.querySelector("button[type='submit']");
    var cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "button button--quiet";
    cancel.textContent = "Cancel";
    var buttons = document.createElement("div");
    buttons.className = "form-buttons";
    submit.replaceWith(buttons);
    buttons.append(submit, cancel);
    cancel.addEventListener("click", function () {
      var back = form.parentNode && form.parentNode.querySelector(form.getAttribute("data-opened"));
      form.remove();
      if (back) {
        back.hidden = false;
        back.focus();
      }
    });
    return form;
  }

  function enableFormLinks() {
    document.addEventListener("click", function (event) {
      if (event.ctrlKey || event.metaKey || event.shiftKey || !event.target.closest) {
        return;
      }
      OPENERS.forEach(function (opener) {
        var link = event.target.closest(opener.link);
        if (!link) {
          return;
        }
        var wanted = linkSelector(link, opener);
        var open = Array.prototype.find.call(link.parentNode.querySelectorAll("form[data-opened]"), function (form) {
          return form.getAttribute("data-opened") === wanted;
        });
        var form = open || formFor(link, opener);
        if (!form) {
          return; // no template: the link opens the form on a page of its own
        }
        event.preventDefault();
        if (!open) {
          link.hidden = true;
          link.before(form);
        }
        form.querySelector("textarea").focus();
      });
    });
  }

  // Colleagues' comments and marks come in by polling: every few seconds
  // (while the tab is visible) the page asks for the comparison's revision,
  // one indexed read that any worker answers from the database, and reads the
  // page back only when it moved on. Polling works across several workers and
  // with either database, and holds no connection open between looks.
  // Server-sent events would hold a connection (and a worker's slot) per open
  // page, and need a notification between workers (LISTEN/NOTIFY on
  // PostgreSQL, nothing on SQLite) to learn of another worker's comment.
  function startPolling() {
    var table = reviewTable();
    var url = table && table.getAttribute("data-revision-url");
    var seconds = table ? Number(table.getAttribute("data-poll-seconds")) : 0;
    if (!url || !(seconds > 0)) {
      return;
    }
    var timer = null;
    var looking = false;
    var stopped = false;

    function schedule() {
      clearTimeout(timer);
      if (!stopped && document.visibilityState === "visible") {
        timer = setTimeout(look, seconds * 1000);
      }
    }

    function look() {
      if (looking || review.busy > 0) {
        schedule();
        return;
      }
      looking = true;
      fetch(url, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (response.status === 404 || response.status === 410) {
            stopped = true;
            announce(response.status === 410 ? "This comparison has expired." : "This comparison was deleted.");
            return null;
          }
          return response.ok ? response.json() : null;
        })
        .then(function (answer) {
          var moved = answer && String(answer.revision) !== reviewTable().getAttribute("data-revision");
          if (!answer || review.busy > 0 || !(moved || review.pending)) {
            return null;
          }
          review.busy += 1;
          return loadPage()
            .then(function (doc) {
              if (applyPage(doc, null) > 0 && moved) {
                announce("Colleagues' comments or marks came in.", true);
              }
            })
            .finally(function () {
              review.busy -= 1;
            });
        })
        .catch(function () {
          // A missed look (the network, a restart): the next one tries again.
        })
        .then(function () {
          looking = false;
          schedule();
        });
    }

    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") {
        look();
      } else {
        clearTimeout(timer);
      }
    });
    schedule();
  }

  function enableReview() {
    if (!document.querySelector(".cell--review, #review, .owner")) {
      return;
    }
    recordServed(document);
    enableReviewForms();
    enableFormLinks();
    startPolling();
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
  enableChangeList();
  fitToolbar();
  enableCopySides();
  enableColumnSelection();
  enableIgnoreRefocus();
  enableReview();
})();
