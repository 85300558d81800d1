/* oif-site: small progressive enhancements. Every page reads and works without this file.
   - The table of contents marks the section being read (aria-current) and, on phones,
     becomes a bar that stays at the top of the screen and opens on demand.
   - The main menu is a disclosure on phones (open, and so usable, without JavaScript).
   - A floating "Back to top" link appears on phones once the reader is far down the page. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");

  var wide = window.matchMedia("(min-width: 64rem)");
  var toc = document.querySelector(".toc");
  var floatTop = document.querySelector(".float-top");
  var ticking = false;
  var entries = [];
  var current = null;

  function scrollTocTo(link) {
    var box = wide.matches ? toc : link.closest(".toc__drawer");
    if (!box || box.scrollHeight <= box.clientHeight) return;
    var linkTop = link.getBoundingClientRect().top - box.getBoundingClientRect().top;
    if (linkTop < 40 || linkTop > box.clientHeight - 60) {
      box.scrollTop += linkTop - box.clientHeight / 3;
    }
  }

  function update() {
    ticking = false;
    // Positions are read live: sections out of sight are laid out late (content-visibility),
    // so their heights change as the reader goes.
    var line = Math.min(160, window.innerHeight * 0.25);
    var found = null;
    for (var i = 0; i < entries.length; i += 1) {
      if (entries[i].target.getBoundingClientRect().top > line) break;
      found = entries[i];
    }
    if (found !== current) {
      if (current) current.link.removeAttribute("aria-current");
      current = found;
      if (current) {
        current.link.setAttribute("aria-current", "true");
        if (label) label.textContent = current.link.textContent;
        scrollTocTo(current.link);
      } else if (label) {
        label.textContent = "";
      }
    }
    if (floatTop) floatTop.classList.toggle("is-visible", window.scrollY > window.innerHeight * 1.5);
  }

  function onScroll() {
    if (!ticking) {
      ticking = true;
      window.requestAnimationFrame(update);
    }
  }

  // Disclosures that are always open on wide screens and start closed on small ones: the
  // main menu and the table of contents (<details data-open-from="64rem">).
  document.querySelectorAll("details[data-open-from]").forEach(function (panel) {
    var query = window.matchMedia("(min-width: " + panel.getAttribute("data-open-from") + ")");
    var summary = panel.querySelector("summary");
    // Small screens: already closed by the inline script after the element, before the first
    // paint, so that closing it here causes no layout shift.
    function sync() {
      panel.open = query.matches;
      // On wide screens the summary is a plain title, not a control: no tab stop.
      if (query.matches) summary.setAttribute("tabindex", "-1");
      else summary.removeAttribute("tabindex");
    }
    sync();
    query.addEventListener("change", sync);
    summary.addEventListener("click", function (event) {
      if (query.matches) event.preventDefault();
    });
    panel.addEventListener("click", function (event) {
      var link = event.target.closest("a");
      if (query.matches || !link) return;
      panel.open = false;
      if (link.hash && link.pathname === window.location.pathname) {
        // Jump once the panel is closed, so that the target is where the layout now has it.
        event.preventDefault();
        if (window.location.hash === link.hash) {
          var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
          if (target) target.scrollIntoView();
        } else {
          window.location.hash = link.hash;
        }
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !query.matches && panel.open) {
        panel.open = false;
        summary.focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (!query.matches && panel.open && !panel.contains(event.target) && panel.closest(".site-header")) {
        panel.open = false;
      }
    });
  });

  var label = null;
  if (toc) {
    label = toc.querySelector("[data-toc-current]");
    toc.querySelectorAll('a[href^="#"]').forEach(function (link) {
      var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (target && target.classList.contains("report-section")) {
        entries.push({ link: link, target: target });
      }
    });
  }

  // Sections out of sight are laid out only when they come near (content-visibility), so a
  // jump to a section lands where placeholders put it; once the sections around it are laid
  // out, put the target back at the top of the screen.
  function settle() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target || !document.querySelector(".edition-body")) return;
    var rounds = 0;
    (function again() {
      target.scrollIntoView();
      rounds += 1;
      if (rounds < 4) window.requestAnimationFrame(again);
    })();
  }
  window.addEventListener("hashchange", settle);
  if (window.location.hash) window.requestAnimationFrame(settle);

  if (entries.length || floatTop) {
    update();
    window.addEventListener("scroll", onScroll, { passive: true });
    window.addEventListener("resize", onScroll);
  }
})();
