// Show only the deadline fields that the chosen cadence uses: a day for monthly and
// quarterly programmes, a day and a month for yearly ones, a date for one-off ones.
(function () {
  var form = document.getElementById("programme-form");
  if (!form) return;
  var cadence = form.querySelector("[name=cadence]");
  var forward = form.querySelector("[name=forward_relation]");
  var uses = {
    monthly: ["day"], quarterly: ["day"], yearly: ["day", "month"], once: ["date"]
  };
  function show(name, visible) {
    var box = form.querySelector('[data-field="' + name + '"]');
    if (box) box.hidden = !visible;
  }
  function update() {
    var wanted = uses[cadence.value] || ["day"];
    ["unit", "forward"].forEach(function (tier) {
      var active = tier === "unit" || forward.value !== "";
      ["day", "month", "date"].forEach(function (part) {
        show(tier + "_" + part, active && wanted.indexOf(part) >= 0);
      });
    });
  }
  cadence.addEventListener("change", update);
  forward.addEventListener("change", update);
  update();
})();
