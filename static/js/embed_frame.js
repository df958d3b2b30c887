// Inside the embeddable section of a unit's stories (publishing/public/embed.html): tell the
// page that frames it how tall the section is, so it can size the frame without a scrollbar.
(function () {
  var unit = Number(document.currentScript.dataset.unit);
  function tell() {
    parent.postMessage(
      { dienhinhEmbed: unit, height: document.documentElement.scrollHeight },
      "*"
    );
  }
  addEventListener("load", tell);
  addEventListener("resize", tell);
})();
