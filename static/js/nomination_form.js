// Show the fields for a person or for a collective/household, as chosen.
(function () {
  var form = document.getElementById("nomination-form");
  if (!form) return;
  var person = ["full_name", "birth_year", "birth_date", "gender", "position", "workplace", "hometown"];
  var group = ["collective_name", "collective_size"];
  function update() {
    var chosen = form.querySelector("[name=subject_kind]:checked");
    var individual = !chosen || chosen.value === "individual";
    person.forEach(function (n) { var b = form.querySelector('[data-field="' + n + '"]'); if (b) b.hidden = !individual; });
    group.forEach(function (n) { var b = form.querySelector('[data-field="' + n + '"]'); if (b) b.hidden = individual; });
  }
  form.addEventListener("change", function (e) { if (e.target.name === "subject_kind") update(); });
  update();
})();
