/* The album's keyboard navigation and lightbox: no library, no network.
   Arrow keys move between thumbnails (by row with up/down), Enter or a click opens the
   lightbox, where left/right go to the previous/next item and Escape closes it. */
(function () {
  "use strict";
  var grid = document.getElementById("album-grid");
  var box = document.getElementById("album-lightbox");
  if (!grid || !box) return;
  var stage = box.querySelector(".album-stage");
  var current = -1;
  var opener = null;

  function thumbs() { return Array.prototype.slice.call(grid.querySelectorAll(".album-thumb")); }
  function columns() {
    var items = thumbs();
    if (items.length < 2) return 1;
    var top = items[0].getBoundingClientRect().top;
    for (var i = 1; i < items.length; i++) {
      if (items[i].getBoundingClientRect().top > top + 4) return i;
    }
    return items.length;
  }

  function show(index) {
    var items = thumbs();
    if (index < 0 || index >= items.length) return;
    current = index;
    var a = items[index];
    stage.textContent = "";
    var media;
    if (a.dataset.full) {
      media = document.createElement("img");
      media.src = a.dataset.full;
      media.alt = a.dataset.title || "";
    } else if (a.dataset.video) {
      media = document.createElement("video");
      media.src = a.dataset.video;
      media.controls = true;
      media.preload = "metadata";
    } else {
      window.location = a.href;
      return;
    }
    stage.appendChild(media);
    box.querySelector("#lightbox-title").textContent = a.dataset.title || "";
    box.querySelector(".album-caption").textContent = a.dataset.caption || "";
    box.querySelector(".album-meta").textContent = a.dataset.meta || "";
    box.querySelector(".album-open").href = a.href;
    if (box.hidden) { opener = a; box.hidden = false; document.body.style.overflow = "hidden"; }
    box.querySelector(".album-close").focus();
  }

  function close() {
    box.hidden = true;
    stage.textContent = "";
    document.body.style.overflow = "";
    var items = thumbs();
    (items[current] || opener || grid).focus();
  }

  grid.addEventListener("click", function (event) {
    var a = event.target.closest(".album-thumb");
    if (!a || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (!a.dataset.full && !a.dataset.video) return;
    event.preventDefault();
    show(thumbs().indexOf(a));
  });

  grid.addEventListener("keydown", function (event) {
    var a = event.target.closest(".album-thumb");
    if (!a) return;
    var items = thumbs();
    var index = items.indexOf(a);
    var step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns(), ArrowUp: -columns() }[event.key];
    if (event.key === "Home") step = -index;
    if (event.key === "End") step = items.length - 1 - index;
    if (step === undefined) return;
    var next = items[Math.max(0, Math.min(items.length - 1, index + step))];
    event.preventDefault();
    next.focus();
    next.scrollIntoView({ block: "nearest" });
  });

  box.addEventListener("click", function (event) {
    var action = event.target.dataset.action || (event.target === box ? "close" : null);
    if (action === "close") close();
    if (action === "prev") show(current - 1);
    if (action === "next") show(current + 1);
  });

  document.addEventListener("keydown", function (event) {
    if (box.hidden) return;
    if (event.key === "Escape") { event.preventDefault(); close(); }
    if (event.key === "ArrowLeft") { event.preventDefault(); show(current - 1); }
    if (event.key === "ArrowRight") { event.preventDefault(); show(current + 1); }
  });

  var touchX = null;
  box.addEventListener("touchstart", function (e) { touchX = e.touches[0].clientX; }, { passive: true });
  box.addEventListener("touchend", function (e) {
    if (touchX === null) return;
    var dx = e.changedTouches[0].clientX - touchX;
    if (Math.abs(dx) > 50) show(current + (dx < 0 ? 1 : -1));
    touchX = null;
  });
})();
